// The one database schema, for PGlite and PostgreSQL alike. Changes go through
// `npm run db:generate -w apps/server`, which writes a new migration into ./migrations.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const enterprises = pgTable('enterprises', {
  id: uuid('id').primaryKey().defaultRandom(),
  unitName: text('unit_name').notNull(),
  creditCode: text('credit_code').notNull().unique(),
  legalRepresentative: text('legal_representative').notNull().default(''),
  phone: text('phone').notNull().default(''),
  profileComplete: boolean('profile_complete').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('users_enterprise_idx').on(t.enterpriseId)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the cookie value: a leaked table does not leak live sessions. */
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id').notNull().references(() => users.id),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const folders = pgTable(
  'folders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    code: text('code').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Soft delete: files in the recycle bin still name their folder. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('folders_enterprise_idx').on(t.enterpriseId),
    // 文件编码 is unique among the live children of one parent (the root counts as a parent).
    uniqueIndex('folders_sibling_code_uq')
      .on(t.enterpriseId, sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.code)
      .where(sql`${t.deletedAt} is null`),
  ],
);

export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  createdAt: createdAt(),
});

export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    folderId: uuid('folder_id').notNull().references(() => folders.id),
    currentVersion: integer('current_version').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('files_folder_idx').on(t.folderId), index('files_enterprise_idx').on(t.enterpriseId)],
);

export const fileVersions = pgTable(
  'file_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id').notNull().references(() => files.id),
    version: integer('version').notNull(),
    blobSha256: text('blob_sha256').notNull().references(() => blobs.sha256),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mimeType: text('mime_type').notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('file_versions_file_version_uq').on(t.fileId, t.version)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull().default({}),
    /** queued → running → done | failed; a failed attempt with tries left goes back to queued. */
    state: text('state').notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    /** While running: past this instant the worker is presumed dead and the job is claimable. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    /** What the job works on (e.g. a file id), to show "converting" without reading payloads. */
    subjectId: uuid('subject_id'),
    result: jsonb('result'),
    error: jsonb('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('jobs_claim_idx').on(t.state, t.runAt),
    index('jobs_subject_idx').on(t.subjectId),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    /** Position in the chain, assigned under the append lock: 1, 2, 3… with no gaps. */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    enterpriseId: uuid('enterprise_id'),
    userId: uuid('user_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_enterprise_idx').on(t.enterpriseId, t.at)],
);


/** CA-key login: one-time challenges, bound to the page's origin, stored only as a hash. */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeHash: text('challenge_hash').notNull(),
    origin: text('origin').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('login_challenges_expires_idx').on(t.expiresAt)],
);

/** The CA certificates a user has logged in with; a user is found by issuer + serial number. */
export const userCertificates = pgTable(
  'user_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    issuer: text('issuer').notNull(),
    serialNumber: text('serial_number').notNull(),
    subject: text('subject').notNull(),
    sha256: text('sha256').notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('user_certificates_issuer_serial_uq').on(t.issuer, t.serialNumber),
    index('user_certificates_subject_idx').on(t.enterpriseId, t.subject),
  ],
);

/**
 * A sealing operation between its two phases: the prepared revision (pdf-seal's state) waits
 * here for the key's signature. Bound to one enterprise, one file and the version it was
 * prepared on; single use (finishedAt) and short-lived (expiresAt).
 */
export const sealingOperations = pgTable(
  'sealing_operations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    userId: uuid('user_id').references(() => users.id),
    fileId: uuid('file_id').notNull().references(() => files.id),
    baseVersion: integer('base_version').notNull(),
    state: jsonb('state').notNull(),
    /** what was placed, for the audit entry and the new version's note */
    summary: jsonb('summary').notNull().default({}),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    resultVersion: integer('result_version'),
    createdAt: createdAt(),
  },
  (t) => [index('sealing_operations_file_idx').on(t.fileId), index('sealing_operations_expires_idx').on(t.expiresAt)],
);

/** 印章库: seal images an enterprise keeps on the server, each bound to one of its certificates. */
export const seals = pgTable(
  'seals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    name: text('name').notNull(),
    /** official (公章) | legal-representative (法人章) | other */
    kind: text('kind').notNull(),
    /** hex serial number of the certificate the seal may be used with */
    certificateSerial: text('certificate_serial').notNull(),
    blobSha256: text('blob_sha256').notNull().references(() => blobs.sha256),
    widthMm: integer('width_mm').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('seals_enterprise_idx').on(t.enterpriseId)],
);

/** Every SMS the hall sends, whatever the provider: the outbox provider stops here (development). */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    /** seal-request | sign-request | verification-code */
    template: text('template').notNull(),
    params: jsonb('params').notNull().default({}),
    text: text('text').notNull(),
    provider: text('provider').notNull(),
    /** stored (outbox) | sent | failed */
    status: text('status').notNull(),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('sms_messages_phone_idx').on(t.phone, t.createdAt)],
);

/** One-time SMS codes, stored hashed; a code belongs to one purpose and subject (a signing link). */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    subjectId: text('subject_id').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    ip: text('ip'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phone, t.createdAt), index('sms_codes_ip_idx').on(t.ip, t.createdAt), index('sms_codes_subject_idx').on(t.subjectId)],
);

/** 发起盖章、签名: one file, one initiator, many parties. */
export const signingRequests = pgTable(
  'signing_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    userId: uuid('user_id').references(() => users.id),
    fileId: uuid('file_id').notNull().references(() => files.id),
    projectName: text('project_name').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('signing_requests_file_idx').on(t.enterpriseId, t.fileId)],
);

/** A party asked to seal (enterprise) or sign (person), reached by its own link (stored hashed). */
export const signingParties = pgTable(
  'signing_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull().references(() => signingRequests.id),
    /** enterprise | person */
    kind: text('kind').notNull(),
    unitName: text('unit_name'),
    creditCode: text('credit_code'),
    contactName: text('contact_name'),
    personName: text('person_name'),
    idNumber: text('id_number'),
    phone: text('phone').notNull(),
    linkHash: text('link_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** pending | done | rejected (expired and revoked are read from expiresAt and the request) */
    state: text('state').notNull().default('pending'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    resultVersion: integer('result_version'),
    doneBy: text('done_by'),
    smsCount: integer('sms_count').notNull().default(0),
    smsSentAt: timestamp('sms_sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('signing_parties_request_idx').on(t.requestId)],
);

/**
 * A one-time link a phone (or a PC) opens to sign as a person: from the sealing page's QR code
 * (enterpriseId set: the signature goes back to that desktop) or from a person party's link (partyId).
 */
export const personSigningSessions = pgTable(
  'person_signing_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    userId: uuid('user_id').references(() => users.id),
    partyId: uuid('party_id').references(() => signingParties.id),
    /** pending → verified → signed (QR: waiting to be placed) → used */
    state: text('state').notNull().default('pending'),
    phone: text('phone'),
    personName: text('person_name'),
    idNumber: text('id_number'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    signatureBlob: text('signature_blob').references(() => blobs.sha256),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('person_signing_sessions_party_idx').on(t.partyId)],
);

/** Verified persons: their event certificate (key encrypted under HALL_MASTER_KEY) and kept signature. */
export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  idNumber: text('id_number').notNull().unique(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  /** base64 DER of the event certificate and its chain (issuing CA first) */
  certificate: text('certificate').notNull(),
  chain: jsonb('chain').notNull().default([]),
  /** AES-256-GCM: base64(iv ‖ tag ‖ ciphertext) of the PKCS#8 key */
  encryptedKey: text('encrypted_key').notNull(),
  keyAlgorithm: text('key_algorithm').notNull(),
  notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
  signatureBlob: text('signature_blob').references(() => blobs.sha256),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// ——— 项目申报: projects, the matter catalogue, applications, third-party links, window staff ———

/** 我的项目: a project with its 投资项目代码, or a self-assigned code from 自动赋码 (codeKind 'self'). */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    code: text('code').notNull(),
    /** investment: 投资项目代码 (审批监管平台); self: 自动赋码 ZDFM-… */
    codeKind: text('code_kind').notNull(),
    name: text('name').notNull(),
    constructionUnit: text('construction_unit').notNull(),
    regionCode: text('region_code').notNull(),
    /** 总投资（万元）, two decimals */
    investment: text('investment').notNull().default(''),
    scale: text('scale').notNull().default(''),
    address: text('address').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('projects_enterprise_code_uq').on(t.enterpriseId, t.code)],
);

/** Daily sequences (申报流水号, 自动赋码): one row per kind and day, bumped with one upsert … returning. */
export const dailyCounters = pgTable(
  'daily_counters',
  {
    kind: text('kind').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('daily_counters_kind_day_uq').on(t.kind, t.day)],
);

/** 办事指南 data: stages → matters → materials; seeded from src/db/seed at start-up, ids are stable codes. */
export const catalogueStages = pgTable('catalogue_stages', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export const catalogueMatters = pgTable('catalogue_matters', {
  id: text('id').primaryKey(),
  stageId: text('stage_id').notNull().references(() => catalogueStages.id),
  name: text('name').notNull(),
  department: text('department').notNull(),
  /** 法定/承诺办结时限（工作日） */
  timeLimitDays: integer('time_limit_days').notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export const catalogueMaterials = pgTable(
  'catalogue_materials',
  {
    id: text('id').primaryKey(),
    matterId: text('matter_id').notNull().references(() => catalogueMatters.id),
    /** 序号 in the checklist */
    sortOrder: integer('sort_order').notNull(),
    name: text('name').notNull(),
    required: boolean('required').notNull(),
    /** 情形 / 适用范围 / 备注 shown under the name */
    notes: text('notes').notNull().default(''),
    /**
     * 停用 by the administrator: gone from new checklists and 智能引导, never deleted, because
     * applications that hold files under it still list it.
     */
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('catalogue_materials_matter_idx').on(t.matterId, t.sortOrder)],
);

/** 项目申报: one matter of one project; state per src/applications/state-machine.ts. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    projectId: uuid('project_id').notNull().references(() => projects.id),
    matterId: text('matter_id').notNull().references(() => catalogueMatters.id),
    /** 申报流水号: yyyyMMdd + 4-digit daily sequence, given at submission */
    serialNo: text('serial_no').unique(),
    state: text('state').notNull().default('draft'),
    /** 办结 result: pass | conditional (容缺通过) | fail */
    outcome: text('outcome'),
    /** 容缺通过: the catalogue material ids still owed (容缺材料) and the 承诺补齐 date */
    deferredMaterialIds: jsonb('deferred_material_ids').$type<string[]>().notNull().default([]),
    promisedBy: date('promised_by', { mode: 'string' }),
    /** 容缺补齐 confirmed by the window (确认补齐): the application is closed, nothing is owed any more */
    deferralConfirmedAt: timestamp('deferral_confirmed_at', { withTimezone: true }),
    form: jsonb('form').notNull().default({}),
    /** last reason given by the window (不予受理, 补全, 办结意见) */
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('applications_enterprise_idx').on(t.enterpriseId, t.state), index('applications_state_idx').on(t.state, t.submittedAt)],
);

/** Files under a material row: a drive file version (the applicant's drive; third-party and direct uploads land there too). */
export const applicationAttachments = pgTable(
  'application_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    /** a catalogue material id, or 'decision' for the window's 办结 document */
    materialId: text('material_id').notNull(),
    fileId: uuid('file_id').notNull().references(() => files.id),
    version: integer('version').notNull(),
    /** drive | upload | third-party | window */
    source: text('source').notNull(),
    uploaderEnterpriseId: uuid('uploader_enterprise_id').references(() => enterprises.id),
    uploaderUserId: uuid('uploader_user_id').references(() => users.id),
    uploaderStaffId: uuid('uploader_staff_id'),
    /** 补全/补正 round the file answered, if any */
    requestId: uuid('request_id'),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [index('application_attachments_app_idx').on(t.applicationId, t.materialId)],
);

/** 材料补全 (before 受理), 材料补正 (after 受理) and 容缺补齐 (after 容缺通过), one row per material: opened by the window, closed when answered. */
export const materialRequests = pgTable(
  'material_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    materialId: text('material_id').notNull(),
    /** supplement (补全) | correction (补正) | deferral (容缺补齐, after 容缺通过; deadline: end of the 承诺补齐 day) */
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }),
    openedBy: uuid('opened_by'),
    openedAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('material_requests_app_idx').on(t.applicationId)],
);

/** 特别程序 (专家评审, 现场勘察, 听证, 公示, 检验检测) after 受理: at most one open (ended_at null) per application; 办结 waits for its end. */
export const specialProcedures = pgTable(
  'special_procedures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    /** expert_review | site_survey | hearing | publicity | inspection */
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    expectedDays: integer('expected_days').notNull(),
    startedBy: uuid('started_by').references(() => staffUsers.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedBy: uuid('ended_by').references(() => staffUsers.id),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    result: text('result'),
  },
  (t) => [index('special_procedures_app_idx').on(t.applicationId, t.startedAt), uniqueIndex('special_procedures_one_open_uq').on(t.applicationId).where(sql`ended_at is null`)],
);

/** What happened to an application, in order: the enterprise's notices and the window's history. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    /** enterprise | staff | third-party */
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    message: text('message').notNull(),
    details: jsonb('details').notNull().default({}),
    at: createdAt(),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId, t.at)],
);

/** 第三方材料上传: a link bound to one material slot of one application; only hashes are stored. */
export const thirdPartyLinks = pgTable(
  'third_party_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    materialId: text('material_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** scrypt of the optional 访问码 */
    accessCodeHash: text('access_code_hash'),
    /** The token and the 访问码 again, AES-256-GCM under HALL_MASTER_KEY (bound to this row's id), so
     *  the initiator can see the link later; null for links made before 0006 or with no master key. */
    tokenSealed: text('token_sealed'),
    accessCodeSealed: text('access_code_sealed'),
    /** uploads made through the link (已使用) */
    uploadCount: integer('upload_count').notNull().default(0),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** who it is meant for, as the initiator typed it */
    thirdPartyName: text('third_party_name').notNull().default(''),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('third_party_links_app_idx').on(t.applicationId)],
);

/** 窗口人员: password (scrypt) + TOTP one-time code; roles: window (受理、补全、补正), approver (办结). */
export const staffUsers = pgTable('staff_users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** base32 TOTP secret (RFC 6238, SHA-1, 30 s, 6 digits) */
  totpSecret: text('totp_secret').notNull(),
  /** last TOTP time step accepted: a code is never accepted twice */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  roles: jsonb('roles').notNull().default([]),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const staffSessions = pgTable('staff_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  staffId: uuid('staff_id').notNull().references(() => staffUsers.id),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

// ——— 我的材料, 问题反馈, 智能引导 ———

/** 我的材料: a unit's reusable certificates (营业执照, 资质证书…), each with its validity and files. */
export const unitMaterials = pgTable(
  'unit_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    /** business-license | qualification | safety-permit | personnel | other */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    number: text('number').notNull().default(''),
    issuer: text('issuer').notNull().default(''),
    validFrom: date('valid_from', { mode: 'string' }),
    /** null: 长期有效 */
    validTo: date('valid_to', { mode: 'string' }),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('unit_materials_enterprise_idx').on(t.enterpriseId, t.validTo)],
);

/** The drive file versions of one material (the unit's own files only). */
export const unitMaterialFiles = pgTable(
  'unit_material_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    materialId: uuid('material_id').notNull().references(() => unitMaterials.id),
    fileId: uuid('file_id').notNull().references(() => files.id),
    version: integer('version').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('unit_material_files_material_idx').on(t.materialId, t.sortOrder)],
);

/** 问题反馈: an enterprise's question, answered by the window staff (pending → answered). */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    userId: uuid('user_id').references(() => users.id),
    /** consult | problem | suggestion | complaint */
    type: text('type').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    contactPhone: text('contact_phone').notNull(),
    status: text('status').notNull().default('pending'),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => staffUsers.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_enterprise_idx').on(t.enterpriseId, t.createdAt), index('feedback_status_idx').on(t.status, t.createdAt)],
);

/**
 * 智能引导 rules as data, keyed by catalogue matter (and material): when a matter applies, or when
 * an optional material is needed, given the questionnaire's answers. Seeded at start-up.
 */
export const guideRules = pgTable(
  'guide_rules',
  {
    id: text('id').primaryKey(),
    matterId: text('matter_id').notNull().references(() => catalogueMatters.id),
    /** null: the rule decides whether the matter applies; else whether this material is needed */
    materialId: text('material_id').references(() => catalogueMaterials.id),
    /** { mode: 'all'|'any', projectTypes?, flagsAny?, minInvestmentWan?, minAreaM2? } */
    condition: jsonb('condition').notNull(),
    /** the reason shown to the user, in the guide's words */
    explanation: text('explanation').notNull(),
  },
  (t) => [index('guide_rules_matter_idx').on(t.matterId)],
);
