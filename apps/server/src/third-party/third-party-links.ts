// 第三方材料上传: the applicant makes a link for one material row of one application; the
// third party (施工单位, 设计单位…) opens it, logs in with its own CA key and uploads; the files
// land in the applicant's drive folder 第三方材料 and under that row, with its unit and user
// recorded. Only the token's SHA-256 and the 访问码's scrypt are stored.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { DbOrTx } from '../db/client.ts';
import { applications, catalogueMaterials, catalogueMatters, enterprises, projects, thirdPartyLinks } from '../db/schema.ts';
import { hashLinkToken, isLinkTokenShape, newLinkToken } from '../invitations/link-token.ts';
import { hashPassword, verifyPassword } from '../staff/password.ts';
import { loadApplication } from '../applications/application-repository.ts';
import { openSlot } from '../applications/material-slots.ts';
import type { Actor, Deps } from '../types.ts';

export const THIRD_PARTY_LINK_DAYS = 7;

export interface LinkInput {
  materialId: string;
  thirdPartyName?: string;
  accessCode?: string;
  days?: number;
}

export function linkUrl(origin: string, token: string): string {
  return `${origin}/third-party/${token}`;
}

export async function createLink(deps: Pick<Deps, 'db' | 'audit' | 'config'>, actor: Actor, applicationId: string, input: LinkInput) {
  const app = await loadApplication(deps.db, applicationId, actor.enterpriseId);
  await openSlot(deps.db, app, input.materialId);
  if (input.accessCode !== undefined && !/^[A-Za-z0-9]{4,12}$/.test(input.accessCode)) {
    fail('VALIDATION_FAILED', '访问码为 4 到 12 位字母或数字', { fields: [{ field: 'accessCode', message: '访问码为 4 到 12 位字母或数字' }] });
  }
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + (input.days ?? THIRD_PARTY_LINK_DAYS) * 86_400_000);
  const [row] = await deps.db
    .insert(thirdPartyLinks)
    .values({
      enterpriseId: actor.enterpriseId,
      applicationId,
      materialId: input.materialId,
      tokenHash: hash,
      accessCodeHash: input.accessCode ? await hashPassword(input.accessCode) : null,
      thirdPartyName: input.thirdPartyName ?? '',
      expiresAt,
      createdBy: actor.userId,
    })
    .returning({ id: thirdPartyLinks.id });
  await deps.audit({ action: 'third_party_link.created', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'application', targetId: applicationId, details: { linkId: row!.id, materialId: input.materialId } });
  return { id: row!.id, url: linkUrl(deps.config.publicOrigin, token), expiresAt: expiresAt.toISOString(), hasAccessCode: Boolean(input.accessCode) };
}

export async function listLinks(db: DbOrTx, actor: Actor, applicationId: string) {
  await loadApplication(db, applicationId, actor.enterpriseId);
  const rows = await db.select().from(thirdPartyLinks).where(eq(thirdPartyLinks.applicationId, applicationId)).orderBy(desc(thirdPartyLinks.createdAt));
  return rows.map(summary);
}

function summary(r: typeof thirdPartyLinks.$inferSelect) {
  return {
    id: r.id,
    materialId: r.materialId,
    thirdPartyName: r.thirdPartyName,
    expiresAt: r.expiresAt.toISOString(),
    revoked: Boolean(r.revokedAt),
    expired: r.expiresAt.getTime() <= Date.now(),
    hasAccessCode: Boolean(r.accessCodeHash),
    createdAt: r.createdAt.toISOString(),
  };
}

/** 第三方材料上传 (menu): every link of the enterprise, with the application and row it serves. */
export async function listEnterpriseLinks(db: DbOrTx, actor: Actor) {
  const rows = await db
    .select({
      link: thirdPartyLinks,
      serialNo: applications.serialNo,
      projectName: projects.name,
      matter: catalogueMatters.name,
      material: catalogueMaterials.name,
    })
    .from(thirdPartyLinks)
    .innerJoin(applications, eq(applications.id, thirdPartyLinks.applicationId))
    .innerJoin(projects, eq(projects.id, applications.projectId))
    .innerJoin(catalogueMatters, eq(catalogueMatters.id, applications.matterId))
    .innerJoin(catalogueMaterials, eq(catalogueMaterials.id, thirdPartyLinks.materialId))
    .where(eq(thirdPartyLinks.enterpriseId, actor.enterpriseId))
    .orderBy(desc(thirdPartyLinks.createdAt));
  return rows.map((r) => ({
    ...summary(r.link),
    applicationId: r.link.applicationId,
    serialNo: r.serialNo ?? '',
    projectName: r.projectName,
    matter: r.matter,
    material: r.material,
  }));
}

export async function revokeLink(db: DbOrTx, actor: Actor, linkId: string) {
  const done = await db
    .update(thirdPartyLinks)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(thirdPartyLinks.id, linkId), eq(thirdPartyLinks.enterpriseId, actor.enterpriseId), isNull(thirdPartyLinks.revokedAt)))
    .returning({ id: thirdPartyLinks.id });
  if (done.length === 0) fail('NOT_FOUND', '链接不存在');
}

/** The live link for a token, or the refusal the third party should read. */
export async function resolveLink(db: DbOrTx, token: string, accessCode: string | undefined) {
  if (!isLinkTokenShape(token)) fail('NOT_FOUND', '链接无效或已失效');
  const [link] = await db.select().from(thirdPartyLinks).where(eq(thirdPartyLinks.tokenHash, hashLinkToken(token)));
  if (!link || link.revokedAt) fail('NOT_FOUND', '链接无效或已失效');
  if (link.expiresAt.getTime() <= Date.now()) fail('THIRD_PARTY_LINK_EXPIRED');
  if (link.accessCodeHash && !(accessCode && (await verifyPassword(accessCode, link.accessCodeHash)))) fail('ACCESS_CODE_INVALID');
  return link;
}

/** What the link page shows: whose request, which project and material; never other rows. */
export async function describeLink(db: DbOrTx, token: string, accessCode: string | undefined) {
  const link = await resolveLink(db, token, accessCode);
  const [row] = await db
    .select({
      unitName: enterprises.unitName,
      projectName: projects.name,
      projectCode: projects.code,
      matter: catalogueMatters.name,
      material: catalogueMaterials.name,
      required: catalogueMaterials.required,
      state: applications.state,
    })
    .from(applications)
    .innerJoin(enterprises, eq(enterprises.id, applications.enterpriseId))
    .innerJoin(projects, eq(projects.id, applications.projectId))
    .innerJoin(catalogueMatters, eq(catalogueMatters.id, applications.matterId))
    .innerJoin(catalogueMaterials, eq(catalogueMaterials.id, link.materialId))
    .where(eq(applications.id, link.applicationId));
  return {
    initiator: row!.unitName,
    projectName: row!.projectName,
    projectCode: row!.projectCode,
    matter: row!.matter,
    material: row!.material,
    required: row!.required,
    thirdPartyName: link.thirdPartyName,
    expiresAt: link.expiresAt.toISOString(),
    needsAccessCode: Boolean(link.accessCodeHash),
  };
}
