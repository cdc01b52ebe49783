// 项目申报: projects, the matter catalogue, applications, 第三方材料上传, the window console.
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const Project = Type.Object({
  id: Type.String(),
  code: Type.String({ description: '投资项目代码，或自动赋码 ZDFM-区划-日期-序号' }),
  codeKind: Type.Union([Type.Literal('investment'), Type.Literal('self')]),
  name: Type.String({ description: '项目名称' }),
  constructionUnit: Type.String({ description: '建设单位' }),
  regionCode: Type.String({ description: '所属区划' }),
  investment: Type.String({ description: '总投资（万元）' }),
  scale: Type.String({ description: '建设规模及内容' }),
  address: Type.String({ description: '建设地点' }),
  createdAt: Type.String(),
});
export type Project = Static<typeof Project>;

export const CreateProjectBody = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 40, description: '投资项目代码；不填则自动赋码' })),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  constructionUnit: Type.String({ minLength: 1, maxLength: 200 }),
  regionCode: Type.String({ pattern: '^\\d{6}$' }),
  investment: Type.Optional(Type.String({ maxLength: 20 })),
  scale: Type.Optional(Type.String({ maxLength: 2000 })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
});
export type CreateProjectBody = Static<typeof CreateProjectBody>;

export const Catalogue = Type.Array(
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    matters: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), department: Type.String(), timeLimitDays: Type.Integer() })),
  }),
);
export type Catalogue = Static<typeof Catalogue>;

export const CatalogueMaterial = Type.Object({ id: Type.String(), index: Type.Integer(), name: Type.String(), required: Type.Boolean(), notes: Type.String() });
export type CatalogueMaterial = Static<typeof CatalogueMaterial>;

export const ApplicationForm = Type.Object({
  contactName: Type.Optional(Type.String({ maxLength: 50, description: '联系人' })),
  contactPhone: Type.Optional(Type.String({ maxLength: 20, description: '联系电话' })),
  description: Type.Optional(Type.String({ maxLength: 2000, description: '申报说明' })),
});
export type ApplicationForm = Static<typeof ApplicationForm>;

export const CreateApplicationBody = Type.Object({ projectId: Type.String({ format: 'uuid' }), matterId: Type.String({ minLength: 1 }), form: Type.Optional(ApplicationForm) });
export type CreateApplicationBody = Static<typeof CreateApplicationBody>;

export const ApplicationState = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('accepted'),
  Type.Literal('supplement_required'),
  Type.Literal('supplemented'),
  Type.Literal('rejected'),
  Type.Literal('finished'),
  Type.Literal('withdrawn'),
]);

/** 办结 outcomes. 容缺通过: approved while some non-essential materials are still owed (容缺材料, with a 承诺补齐 date). */
export const OUTCOME_LABELS = { pass: '通过', conditional: '容缺通过', fail: '不通过' } as const;
export type Outcome = keyof typeof OUTCOME_LABELS;
export const Outcome = Type.Union([Type.Literal('pass'), Type.Literal('conditional'), Type.Literal('fail')]);

/** 特别程序: steps outside the time limit (专家评审, 现场勘察…); 办结 waits until the open one ends. */
export const SPECIAL_PROCEDURE_KINDS = {
  expert_review: '专家评审',
  site_survey: '现场勘察',
  hearing: '听证',
  publicity: '公示',
  inspection: '检验检测',
} as const;
export type SpecialProcedureKind = keyof typeof SPECIAL_PROCEDURE_KINDS;
export const SpecialProcedureKind = Type.Union(Object.keys(SPECIAL_PROCEDURE_KINDS).map((k) => Type.Literal(k as SpecialProcedureKind)));

/**
 * 容缺补齐, after a 容缺通过 办结: owed (待补齐; overdue once the 承诺补齐 date has passed), submitted
 * by the enterprise (已补齐（待确认）), confirmed by the window (which closes the application).
 */
export const DEFERRAL_STATUS_LABELS = { owed: '待补齐', overdue: '逾期未补齐', submitted: '已补齐（待确认）', confirmed: '已确认补齐' } as const;
export type DeferralStatus = keyof typeof DEFERRAL_STATUS_LABELS;
/** Their tag colours, the same on the enterprise's page and in the window's console. */
export const DEFERRAL_STATUS_COLORS: Record<DeferralStatus, string> = { owed: 'lime', overdue: 'red', submitted: 'blue', confirmed: 'green' };
export const DeferralStatus = Type.Union(Object.keys(DEFERRAL_STATUS_LABELS).map((k) => Type.Literal(k as DeferralStatus)));

export const SpecialProcedure = Type.Object({
  id: Type.String(),
  kind: SpecialProcedureKind,
  kindLabel: Type.String(),
  reason: Type.String(),
  expectedDays: Type.Integer({ description: '预计天数' }),
  startedAt: Type.String(),
  /** startedAt + expectedDays */
  expectedEndAt: Type.String(),
  endedAt: Nullable(Type.String()),
  result: Nullable(Type.String()),
});
export type SpecialProcedure = Static<typeof SpecialProcedure>;

/**
 * Every status the enterprise's lists and pages can show, with its tag colour: one map for every
 * page (the state machine's statusLabel returns only these keys).
 */
export const STATUS_COLORS = {
  暂存: 'default',
  已申报: 'blue',
  已受理: 'processing',
  待补全: 'orange',
  已补全: 'cyan',
  补正中: 'gold',
  逾期未补正: 'red',
  特别程序中: 'purple',
  不予受理: 'magenta',
  已办结: 'green',
  '已办结（通过）': 'green',
  容缺待补齐: 'lime',
  容缺待确认: 'geekblue',
  容缺逾期未补齐: 'red',
  '已办结（容缺通过）': 'lime',
  '已办结（不通过）': 'volcano',
  撤件: 'default',
} as const satisfies Record<string, string>;
export type StatusLabel = keyof typeof STATUS_COLORS;
export const statusColor = (status: string): string => (STATUS_COLORS as Record<string, string>)[status] ?? 'default';

export const Attachment = Type.Object({
  id: Type.String(),
  materialId: Type.String(),
  fileId: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  size: Type.Integer(),
  mimeType: Type.String(),
  kind: Type.String(),
  source: Type.String({ description: 'drive | upload | third-party | window' }),
  uploader: Type.Union([Type.Object({ unitName: Type.String(), userName: Type.String() }), Type.Null()]),
  requestId: Nullable(Type.String()),
  createdAt: Type.String(),
  /** attached from 我的材料: the unit material's name (the 来源 of the 打印预览) */
  myMaterial: Type.Optional(Type.String()),
  /** PDFs, when asked for (?signatures=true, the 打印预览): how many signatures and whether all verify (null: could not be checked) */
  signatures: Type.Optional(Type.Union([Type.Object({ count: Type.Integer(), valid: Type.Boolean() }), Type.Null()])),
});
export type Attachment = Static<typeof Attachment>;

export const MaterialRequest = Type.Object({
  id: Type.String(),
  materialId: Type.String(),
  /** supplement (补全), correction (补正), deferral (容缺补齐: a 容缺材料 owed after 办结, its deadline the 承诺补齐 date) */
  kind: Type.Union([Type.Literal('supplement'), Type.Literal('correction'), Type.Literal('deferral')]),
  reason: Type.String(),
  deadline: Nullable(Type.String()),
  /** open, with its deadline passed: 逾期未补正 (answering is still allowed; the window decides) */
  overdue: Type.Boolean(),
  openedAt: Type.String(),
  closedAt: Nullable(Type.String()),
});
export type MaterialRequest = Static<typeof MaterialRequest>;

export const Application = Type.Object({
  id: Type.String(),
  serialNo: Nullable(Type.String({ description: '申报流水号' })),
  state: ApplicationState,
  status: Type.String({ description: '状态（中文）' }),
  outcome: Type.Union([Outcome, Type.Null()]),
  reason: Nullable(Type.String()),
  /** 容缺通过: the materials owed, the date the enterprise promised them by, and how far 容缺补齐 has come */
  deferral: Type.Union([
    Type.Object({
      materials: Type.Array(Type.Object({ id: Type.String(), index: Type.Integer(), name: Type.String() })),
      promisedBy: Type.String({ description: '承诺补齐日期' }),
      status: DeferralStatus,
      statusLabel: Type.String({ description: '待补齐 / 逾期未补齐 / 已补齐（待确认） / 已确认补齐' }),
      confirmedAt: Nullable(Type.String()),
    }),
    Type.Null(),
  ]),
  specialProcedures: Type.Array(SpecialProcedure),
  form: Type.Record(Type.String(), Type.String()),
  project: Project,
  stage: Type.Object({ id: Type.String(), name: Type.String() }),
  matter: Type.Object({ id: Type.String(), name: Type.String(), department: Type.String(), timeLimitDays: Type.Integer() }),
  materials: Type.Array(Type.Intersect([CatalogueMaterial, Type.Object({ attachments: Type.Array(Attachment), requests: Type.Array(MaterialRequest) })])),
  decision: Type.Array(Attachment),
  events: Type.Array(
    Type.Object({ action: Type.String(), fromState: Nullable(Type.String()), toState: Nullable(Type.String()), actorKind: Type.String(), message: Type.String(), at: Type.String() }),
  ),
  submittedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  /** 申报单位 */
  applicant: Type.Object({ unitName: Type.String(), creditCode: Type.String({ description: '统一社会信用代码' }) }),
});
export type Application = Static<typeof Application>;

export const ApplicationListItem = Type.Object({
  applicationId: Type.String(),
  serialNo: Type.String(),
  projectCode: Type.String(),
  projectName: Type.String(),
  unitName: Type.String(),
  stage: Type.String(),
  matter: Type.String(),
  state: ApplicationState,
  status: Type.String(),
  /** the earliest deadline among open 补正 */
  correctionDeadline: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export type ApplicationListItem = Static<typeof ApplicationListItem>;
export const ApplicationList = Type.Object({ items: Type.Array(ApplicationListItem), total: Type.Integer() });
export type ApplicationList = Static<typeof ApplicationList>;

export const ListQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  state: Type.Optional(ApplicationState),
});
export type ListQuery = Static<typeof ListQuery>;

/** The window's queue: a state, or what it waits on (补正中, 逾期未补正, 特别程序中); by 申报时间 or 补正期限. */
export const QueueQuery = Type.Intersect([
  ListQuery,
  Type.Object({
    flag: Type.Optional(
      Type.Union([Type.Literal('correcting'), Type.Literal('overdue'), Type.Literal('special'), Type.Literal('deferral_owed'), Type.Literal('deferral_submitted')]),
    ),
    sort: Type.Optional(Type.Union([Type.Literal('submitted'), Type.Literal('deadline')])),
  }),
]);
export type QueueQuery = Static<typeof QueueQuery>;

export const AttachFromDriveBody = Type.Object({
  files: Type.Array(Type.Object({ fileId: Type.String({ format: 'uuid' }), version: Type.Optional(Type.Integer({ minimum: 1 })) }), { minItems: 1, maxItems: 50 }),
});
export type AttachFromDriveBody = Static<typeof AttachFromDriveBody>;

export const CreateLinkBody = Type.Object({
  materialId: Type.String({ minLength: 1 }),
  thirdPartyName: Type.Optional(Type.String({ maxLength: 200, description: '第三方单位名称' })),
  accessCode: Type.Optional(Type.String({ description: '访问码（4–12 位字母或数字，可不设）' })),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, description: '有效天数（默认 7）' })),
});
export type CreateLinkBody = Static<typeof CreateLinkBody>;
export const CreatedLink = Type.Object({
  id: Type.String(),
  url: Type.String(),
  expiresAt: Type.String(),
  hasAccessCode: Type.Boolean(),
  viewable: Type.Boolean({ description: '以后能否在“第三方材料上传链接”中再次查看（服务器配置了主密钥）' }),
});
export type CreatedLink = Static<typeof CreatedLink>;
export const LinkSummary = Type.Object({
  id: Type.String(),
  materialId: Type.String(),
  thirdPartyName: Type.String(),
  expiresAt: Type.String(),
  revoked: Type.Boolean(),
  expired: Type.Boolean(),
  hasAccessCode: Type.Boolean(),
  /** the link is kept (sealed) and can be shown again */
  viewable: Type.Boolean(),
  /** uploads made through it (已使用) */
  uploadCount: Type.Integer(),
  lastUsedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type LinkSummary = Static<typeof LinkSummary>;
/** 第三方材料上传链接, shown again to the unit that made it: the URL to copy and the 访问码. */
export const RevealedLink = Type.Object({ id: Type.String(), url: Type.String(), accessCode: Nullable(Type.String()), expiresAt: Type.String() });
export type RevealedLink = Static<typeof RevealedLink>;
export const EnterpriseLink = Type.Intersect([
  LinkSummary,
  Type.Object({ applicationId: Type.String(), serialNo: Type.String(), projectName: Type.String(), matter: Type.String(), material: Type.String() }),
]);
export type EnterpriseLink = Static<typeof EnterpriseLink>;
export const LinkPage = Type.Object({
  initiator: Type.String(),
  projectName: Type.String(),
  projectCode: Type.String(),
  matter: Type.String(),
  material: Type.String(),
  required: Type.Boolean(),
  thirdPartyName: Type.String(),
  expiresAt: Type.String(),
  needsAccessCode: Type.Boolean(),
});
export type LinkPage = Static<typeof LinkPage>;
export const LinkUpload = Type.Object({ files: Type.Array(Type.Object({ name: Type.String(), size: Type.Integer() })) });
export type LinkUpload = Static<typeof LinkUpload>;

export const Lookup = Type.Object({
  serialNo: Type.String(),
  matter: Type.String(),
  stage: Type.String(),
  status: Type.String(),
  submittedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});
export type Lookup = Static<typeof Lookup>;
export const Publicity = Type.Object({
  items: Type.Array(Type.Object({ serialNo: Type.String(), projectCode: Type.String(), projectName: Type.String(), unitName: Type.String(), matter: Type.String(), finishedAt: Nullable(Type.String()) })),
  total: Type.Integer(),
});
export type Publicity = Static<typeof Publicity>;

export const StaffLoginBody = Type.Object({ username: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }), code: Type.String({ pattern: '^\\d{6}$' }) });
export type StaffLoginBody = Static<typeof StaffLoginBody>;
export const StaffMe = Type.Object({ id: Type.String(), name: Type.String(), roles: Type.Array(Type.String()) });
export type StaffMe = Static<typeof StaffMe>;

/** 补正期限 when the window gives none: this many days from today, to the end of that day (China time). */
export const DEFAULT_CORRECTION_DAYS = 10;

export const StaffActionBody = Type.Union([
  Type.Object({ action: Type.Literal('accept'), reason: Type.Optional(Type.String({ maxLength: 1000 })) }),
  Type.Object({ action: Type.Literal('reject'), reason: Type.String({ minLength: 1, maxLength: 1000 }) }),
  Type.Object({ action: Type.Literal('request_supplement'), reason: Type.String({ minLength: 1, maxLength: 1000 }), materialIds: Type.Array(Type.String(), { minItems: 1 }) }),
  Type.Object({
    action: Type.Literal('request_correction'),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
    materialIds: Type.Array(Type.String(), { minItems: 1 }),
    deadline: Type.Optional(Type.String({ format: 'date-time', description: '补正期限；不填则为 10 天后当日 24 时（北京时间）' })),
  }),
  Type.Object({
    action: Type.Literal('finish'),
    outcome: Outcome,
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    decisionFileId: Type.Optional(Type.String({ format: 'uuid', description: '办结文书（先以 POST …/decision-files 上传）' })),
    deferredMaterialIds: Type.Optional(Type.Array(Type.String(), { maxItems: 100, description: '容缺材料（容缺通过时必填，取自该事项的材料清单）' })),
    promisedBy: Type.Optional(Type.String({ format: 'date', description: '承诺补齐日期（容缺通过时必填）' })),
  }),
  Type.Object({
    action: Type.Literal('start_special'),
    kind: SpecialProcedureKind,
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
    expectedDays: Type.Integer({ minimum: 1, maximum: 365, description: '预计天数' }),
  }),
  Type.Object({ action: Type.Literal('end_special'), result: Type.String({ minLength: 1, maxLength: 1000, description: '特别程序结果' }) }),
  Type.Object({ action: Type.Literal('confirm_deferral'), reason: Type.Optional(Type.String({ maxLength: 1000, description: '确认意见' })) }),
  Type.Object({ action: Type.Literal('return_deferral'), reason: Type.String({ minLength: 1, maxLength: 1000, description: '退回补齐的理由' }) }),
]);
export type StaffActionBody = Static<typeof StaffActionBody>;
