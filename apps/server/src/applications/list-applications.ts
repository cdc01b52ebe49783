// Lists over applications: the enterprise's own (home page 申报中列表 and counts), the window's
// queue, the public 信息查询 and 项目公示.
import { and, count, desc, eq, exists, inArray, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import type { QueueQuery } from '@hall/shared/schemas/applications';
import type { DbOrTx } from '../db/client.ts';
import { applications, catalogueMatters, catalogueStages, enterprises, materialRequests, projects } from '../db/schema.ts';
import { deferralStatus, statusLabel, type ApplicationState } from './state-machine.ts';

// What the status depends on, counted at read time: 逾期未补正 needs no timer, only now().
const openCorrections = sql<number>`(select count(*)::int from material_requests r where r.application_id = ${applications.id} and r.closed_at is null and r.kind = 'correction')`;
const overdueCorrections = sql<number>`(select count(*)::int from material_requests r where r.application_id = ${applications.id} and r.closed_at is null and r.kind = 'correction' and r.deadline < now())`;
const correctionDeadline = sql<Date | string | null>`(select min(r.deadline) from material_requests r where r.application_id = ${applications.id} and r.closed_at is null and r.kind = 'correction')`;
const openSpecial = sql<boolean>`exists (select 1 from special_procedures p where p.application_id = ${applications.id} and p.ended_at is null)`;
// 容缺补齐: owed rows still open (overdue past the 承诺补齐 day); none open and not confirmed: 待确认
const openDeferrals = sql<number>`(select count(*)::int from material_requests r where r.application_id = ${applications.id} and r.closed_at is null and r.kind = 'deferral')`;
const overdueDeferrals = sql<number>`(select count(*)::int from material_requests r where r.application_id = ${applications.id} and r.closed_at is null and r.kind = 'deferral' and r.deadline < now())`;
const deferralUnconfirmed = and(eq(applications.state, 'finished'), eq(applications.outcome, 'conditional'), isNull(applications.deferralConfirmedAt));

function rows(db: DbOrTx) {
  return db
    .select({
      id: applications.id,
      serialNo: applications.serialNo,
      state: applications.state,
      outcome: applications.outcome,
      projectCode: projects.code,
      projectName: projects.name,
      unitName: enterprises.unitName,
      stage: catalogueStages.name,
      matter: catalogueMatters.name,
      submittedAt: applications.submittedAt,
      finishedAt: applications.finishedAt,
      updatedAt: applications.updatedAt,
      openCorrections,
      overdueCorrections,
      correctionDeadline,
      openSpecial,
      openDeferrals,
      overdueDeferrals,
      deferralConfirmedAt: applications.deferralConfirmedAt,
    })
    .from(applications)
    .innerJoin(projects, eq(projects.id, applications.projectId))
    .innerJoin(enterprises, eq(enterprises.id, applications.enterpriseId))
    .innerJoin(catalogueMatters, eq(catalogueMatters.id, applications.matterId))
    .innerJoin(catalogueStages, eq(catalogueStages.id, catalogueMatters.stageId));
}

type Row = Awaited<ReturnType<typeof rows>>[number];

export function toListItem(r: Row) {
  return {
    applicationId: r.id,
    serialNo: r.serialNo ?? '',
    projectCode: r.projectCode,
    projectName: r.projectName,
    unitName: r.unitName,
    stage: r.stage,
    matter: r.matter,
    state: r.state as ApplicationState,
    status: statusLabel(r.state as ApplicationState, {
      outcome: r.outcome,
      openCorrections: Number(r.openCorrections),
      overdueCorrections: Number(r.overdueCorrections),
      openSpecial: Boolean(r.openSpecial),
      deferral: deferralStatus({ outcome: r.state === 'finished' ? r.outcome : null, confirmed: r.deferralConfirmedAt !== null, open: Number(r.openDeferrals), overdue: Number(r.overdueDeferrals) }),
    }),
    // a sql`` column is not mapped by drizzle: PGlite gives a Date, node-postgres a string
    correctionDeadline: r.correctionDeadline ? new Date(r.correctionDeadline).toISOString() : null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * 申报中: drafts and everything not yet closed (办结、不予受理、撤件 leave the list), except that a
 * 容缺通过 one stays until the window confirms 补齐: the enterprise owes the 容缺材料 it promised.
 */
const IN_PROGRESS: ApplicationState[] = ['draft', 'submitted', 'accepted', 'supplement_required', 'supplemented'];
const inProgress = or(inArray(applications.state, IN_PROGRESS), deferralUnconfirmed);

export async function listEnterpriseApplications(db: DbOrTx, enterpriseId: string, opts: { inProgressOnly: boolean; page: number; pageSize: number }) {
  const where = and(eq(applications.enterpriseId, enterpriseId), opts.inProgressOnly ? inProgress : undefined);
  const [{ total }] = (await db.select({ total: count() }).from(applications).where(where)) as [{ total: number }];
  const items = await rows(db)
    .where(where)
    .orderBy(desc(applications.updatedAt))
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  return { items: items.map(toListItem), total: Number(total) };
}

/**
 * The four counts of the home page. 已申报: submitted ever (not 暂存, not 撤件); 已办结: finished;
 * 材料齐全: accepted or finished (the window found the materials complete); 材料补正: waiting on
 * the enterprise for 补全 or 补正.
 */
export async function enterpriseStats(db: DbOrTx, enterpriseId: string) {
  const mine = eq(applications.enterpriseId, enterpriseId);
  const n = async (cond: ReturnType<typeof and>) => Number(((await db.select({ n: count() }).from(applications).where(and(mine, cond))) as [{ n: number }])[0].n);
  const openRequest = exists(
    db.select({ one: sql`1` }).from(materialRequests).where(and(eq(materialRequests.applicationId, applications.id), isNull(materialRequests.closedAt))),
  );
  return {
    submitted: await n(notInArray(applications.state, ['draft', 'withdrawn'])),
    finished: await n(eq(applications.state, 'finished')),
    materialsComplete: await n(inArray(applications.state, ['accepted', 'finished'])),
    materialsCorrection: await n(and(inArray(applications.state, ['supplement_required', 'accepted']), openRequest)),
  };
}

const queueFlags = {
  correcting: sql`${openCorrections} > 0`,
  overdue: sql`${overdueCorrections} > 0`,
  special: openSpecial,
  deferral_owed: and(deferralUnconfirmed, sql`${openDeferrals} > 0`),
  deferral_submitted: and(deferralUnconfirmed, sql`${openDeferrals} = 0`),
};

/**
 * The window's queue: everything submitted, optionally one state or what it waits on (补正中,
 * 逾期未补正, 特别程序中, 容缺待补齐 (overdue included), 容缺待确认); newest first, or by the earliest open 补正期限 (none last).
 */
export async function listQueue(db: DbOrTx, opts: QueueQuery) {
  const where = and(opts.state ? eq(applications.state, opts.state) : ne(applications.state, 'draft'), opts.flag ? queueFlags[opts.flag] : undefined);
  const [{ total }] = (await db.select({ total: count() }).from(applications).where(where)) as [{ total: number }];
  const order = opts.sort === 'deadline' ? [sql`${correctionDeadline} asc nulls last`, desc(applications.submittedAt)] : [desc(applications.submittedAt)];
  const items = await rows(db)
    .where(where)
    .orderBy(...order)
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  return { items: items.map(toListItem), total: Number(total) };
}

/** 信息查询: the state only, by 申报流水号; nothing that names the applicant beyond the matter. */
export async function lookupBySerial(db: DbOrTx, serialNo: string) {
  const [r] = await rows(db).where(eq(applications.serialNo, serialNo));
  if (!r) return undefined;
  const item = toListItem(r);
  return { serialNo: item.serialNo, matter: item.matter, stage: item.stage, status: item.status, submittedAt: item.submittedAt, finishedAt: item.finishedAt };
}

/** 项目公示: approvals finished with 通过 or 容缺通过 (an approval too; what is owed is not public). */
export async function listPublicity(db: DbOrTx, opts: { page: number; pageSize: number }) {
  const where = and(eq(applications.state, 'finished'), inArray(applications.outcome, ['pass', 'conditional']));
  const [{ total }] = (await db.select({ total: count() }).from(applications).where(where)) as [{ total: number }];
  const items = await rows(db).where(where).orderBy(desc(applications.finishedAt)).limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize);
  return {
    items: items.map((r) => ({ serialNo: r.serialNo ?? '', projectCode: r.projectCode, projectName: r.projectName, unitName: r.unitName, matter: r.matter, finishedAt: r.finishedAt?.toISOString() ?? null })),
    total: Number(total),
  };
}
