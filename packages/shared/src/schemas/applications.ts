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
});
export type Attachment = Static<typeof Attachment>;

export const MaterialRequest = Type.Object({
  id: Type.String(),
  materialId: Type.String(),
  kind: Type.Union([Type.Literal('supplement'), Type.Literal('correction')]),
  reason: Type.String(),
  deadline: Nullable(Type.String()),
  openedAt: Type.String(),
  closedAt: Nullable(Type.String()),
});
export type MaterialRequest = Static<typeof MaterialRequest>;

export const Application = Type.Object({
  id: Type.String(),
  serialNo: Nullable(Type.String({ description: '申报流水号' })),
  state: ApplicationState,
  status: Type.String({ description: '状态（中文）' }),
  outcome: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Null()]),
  reason: Nullable(Type.String()),
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
export const CreatedLink = Type.Object({ id: Type.String(), url: Type.String(), expiresAt: Type.String(), hasAccessCode: Type.Boolean() });
export type CreatedLink = Static<typeof CreatedLink>;
export const LinkSummary = Type.Object({
  id: Type.String(),
  materialId: Type.String(),
  thirdPartyName: Type.String(),
  expiresAt: Type.String(),
  revoked: Type.Boolean(),
  expired: Type.Boolean(),
  hasAccessCode: Type.Boolean(),
  createdAt: Type.String(),
});
export type LinkSummary = Static<typeof LinkSummary>;
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

export const StaffActionBody = Type.Union([
  Type.Object({ action: Type.Literal('accept'), reason: Type.Optional(Type.String({ maxLength: 1000 })) }),
  Type.Object({ action: Type.Literal('reject'), reason: Type.String({ minLength: 1, maxLength: 1000 }) }),
  Type.Object({ action: Type.Literal('request_supplement'), reason: Type.String({ minLength: 1, maxLength: 1000 }), materialIds: Type.Array(Type.String(), { minItems: 1 }) }),
  Type.Object({
    action: Type.Literal('request_correction'),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
    materialIds: Type.Array(Type.String(), { minItems: 1 }),
    deadline: Type.Optional(Type.String({ format: 'date-time' })),
  }),
  Type.Object({
    action: Type.Literal('finish'),
    outcome: Type.Union([Type.Literal('pass'), Type.Literal('fail')]),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    decisionFileId: Type.Optional(Type.String({ format: 'uuid', description: '办结文书（先以 POST …/decision-files 上传）' })),
  }),
]);
export type StaffActionBody = Static<typeof StaffActionBody>;
