// 第三方材料上传: the applicant makes a link for one material row of one application; the
// third party (施工单位, 设计单位…) opens it, logs in with its own CA key and uploads; the files
// land in the applicant's drive folder 第三方材料 and under that row, with its unit and user
// recorded. The token is found by its SHA-256 and the 访问码 checked against its scrypt; both are
// also kept sealed (AES-256-GCM under the master key, bound to the link's id) so that the unit that
// made the link can see and copy it again (第三方材料上传链接). With no master key (only possible
// outside --demo) nothing is sealed and the link shows once, at creation.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { DbOrTx } from '../db/client.ts';
import { applications, catalogueMaterials, catalogueMatters, enterprises, projects, thirdPartyLinks } from '../db/schema.ts';
import { hashLinkToken, isLinkTokenShape, newLinkToken } from '../invitations/link-token.ts';
import { hashPassword, verifyPassword } from '../staff/password.ts';
import { openKey, sealKey } from '../person-signing/master-key.ts';
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

/** The services here plus the master key that seals tokens (undefined: links are not kept). */
export type LinkDeps = Pick<Deps, 'db' | 'audit' | 'config'> & { masterKey: Buffer | undefined };

export function linkUrl(origin: string, token: string): string {
  return `${origin}/third-party/${token}`;
}

// The associated data ties each sealed value to its row and its role: a sealed token copied onto
// another link, or into the access-code column, does not open.
const tokenAad = (linkId: string) => `third-party-link:${linkId}:token`;
const accessCodeAad = (linkId: string) => `third-party-link:${linkId}:access-code`;

export async function createLink(deps: LinkDeps, actor: Actor, applicationId: string, input: LinkInput) {
  const app = await loadApplication(deps.db, applicationId, actor.enterpriseId);
  await openSlot(deps.db, app, input.materialId);
  if (input.accessCode !== undefined && !/^[A-Za-z0-9]{4,12}$/.test(input.accessCode)) {
    fail('VALIDATION_FAILED', '访问码为 4 到 12 位字母或数字', { fields: [{ field: 'accessCode', message: '访问码为 4 到 12 位字母或数字' }] });
  }
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + (input.days ?? THIRD_PARTY_LINK_DAYS) * 86_400_000);
  const id = randomUUID();
  const key = deps.masterKey;
  const [row] = await deps.db
    .insert(thirdPartyLinks)
    .values({
      id,
      enterpriseId: actor.enterpriseId,
      applicationId,
      materialId: input.materialId,
      tokenHash: hash,
      accessCodeHash: input.accessCode ? await hashPassword(input.accessCode) : null,
      tokenSealed: key ? sealKey(key, Buffer.from(token), tokenAad(id)) : null,
      accessCodeSealed: key && input.accessCode ? sealKey(key, Buffer.from(input.accessCode), accessCodeAad(id)) : null,
      thirdPartyName: input.thirdPartyName ?? '',
      expiresAt,
      createdBy: actor.userId,
    })
    .returning({ id: thirdPartyLinks.id });
  await deps.audit({ action: 'third_party_link.created', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'application', targetId: applicationId, details: { linkId: row!.id, materialId: input.materialId } });
  return { id: row!.id, url: linkUrl(deps.config.publicOrigin, token), expiresAt: expiresAt.toISOString(), hasAccessCode: Boolean(input.accessCode), viewable: Boolean(key) };
}

/**
 * 第三方材料上传链接: the URL and 访问码 again, for the unit that made the link only (any other
 * unit gets the same 404 as for a link that does not exist). A revoked or expired link says so
 * instead: it opens nothing any more, and sending it on would only confuse the third party.
 */
export async function revealLink(deps: LinkDeps, actor: Actor, linkId: string) {
  const [link] = await deps.db.select().from(thirdPartyLinks).where(and(eq(thirdPartyLinks.id, linkId), eq(thirdPartyLinks.enterpriseId, actor.enterpriseId)));
  if (!link) fail('NOT_FOUND', '链接不存在');
  if (link.revokedAt) fail('THIRD_PARTY_LINK_REVOKED');
  if (link.expiresAt.getTime() <= Date.now()) fail('THIRD_PARTY_LINK_EXPIRED', '该链接已过期，不能再上传；如需继续，请重新发起');
  const key = deps.masterKey;
  if (!key) fail('THIRD_PARTY_LINK_UNAVAILABLE');
  if (!link.tokenSealed) fail('THIRD_PARTY_LINK_NOT_STORED');
  let token: string;
  let accessCode: string | null;
  try {
    token = openKey(key, link.tokenSealed, tokenAad(link.id)).toString();
    accessCode = link.accessCodeSealed ? openKey(key, link.accessCodeSealed, accessCodeAad(link.id)).toString() : null;
  } catch {
    // sealed under another master key (HALL_MASTER_KEY was changed)
    fail('THIRD_PARTY_LINK_UNAVAILABLE', '链接无法解密（服务器主密钥已更换），请撤销后重新发起');
  }
  await deps.audit({ action: 'third_party_link.viewed', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'application', targetId: link.applicationId, details: { linkId: link.id } });
  return { id: link.id, url: linkUrl(deps.config.publicOrigin, token), accessCode, expiresAt: link.expiresAt.toISOString() };
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
    viewable: Boolean(r.tokenSealed),
    uploadCount: r.uploadCount,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
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

/** Counts an upload made through the link (已使用 on the initiator's list). */
export async function recordUpload(db: DbOrTx, linkId: string) {
  await db
    .update(thirdPartyLinks)
    .set({ uploadCount: sql`${thirdPartyLinks.uploadCount} + 1`, lastUsedAt: sql`now()` })
    .where(eq(thirdPartyLinks.id, linkId));
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
      active: catalogueMaterials.active,
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
    // a material the administrator has disabled is no longer asked for (事项目录)
    required: row!.required && row!.active,
    thirdPartyName: link.thirdPartyName,
    expiresAt: link.expiresAt.toISOString(),
    needsAccessCode: Boolean(link.accessCodeHash),
  };
}
