// Data access for 发起盖章、签名: requests, their parties, and what a party's link leads to.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { enterprises, fileVersions, files, signingParties, signingRequests } from '../db/schema.ts';

export type RequestRow = typeof signingRequests.$inferSelect;
export type PartyRow = typeof signingParties.$inferSelect;

export interface PartyContext {
  party: PartyRow;
  request: RequestRow;
  initiator: string;
  fileName: string;
  fileVersion: number;
}

async function contextWhere(db: DbOrTx, where: ReturnType<typeof eq>): Promise<PartyContext | undefined> {
  const [row] = await db
    .select({ party: signingParties, request: signingRequests, initiator: enterprises.unitName, fileName: fileVersions.name, fileVersion: files.currentVersion })
    .from(signingParties)
    .innerJoin(signingRequests, eq(signingRequests.id, signingParties.requestId))
    .innerJoin(enterprises, eq(enterprises.id, signingRequests.enterpriseId))
    .innerJoin(files, eq(files.id, signingRequests.fileId))
    .innerJoin(fileVersions, and(eq(fileVersions.fileId, files.id), eq(fileVersions.version, files.currentVersion)))
    .where(where);
  return row;
}

export function findPartyContext(db: DbOrTx, partyId: string): Promise<PartyContext | undefined> {
  return contextWhere(db, eq(signingParties.id, partyId));
}

export function findPartyByLink(db: DbOrTx, linkHash: string): Promise<PartyContext | undefined> {
  return contextWhere(db, eq(signingParties.linkHash, linkHash));
}

/** Done once: a second confirmation of the same party changes nothing. */
export async function markPartyDone(db: DbOrTx, partyId: string, version: number, doneBy: string): Promise<void> {
  await db
    .update(signingParties)
    .set({ state: 'done', doneAt: new Date(), resultVersion: version, doneBy })
    .where(and(eq(signingParties.id, partyId), eq(signingParties.state, 'pending')));
}

export async function listRequests(db: DbOrTx, enterpriseId: string, fileId?: string) {
  const requests = await db
    .select({ request: signingRequests, fileName: fileVersions.name })
    .from(signingRequests)
    .innerJoin(files, eq(files.id, signingRequests.fileId))
    .innerJoin(fileVersions, and(eq(fileVersions.fileId, files.id), eq(fileVersions.version, files.currentVersion)))
    .where(fileId ? and(eq(signingRequests.enterpriseId, enterpriseId), eq(signingRequests.fileId, fileId)) : eq(signingRequests.enterpriseId, enterpriseId))
    .orderBy(desc(signingRequests.createdAt))
    .limit(100);
  const ids = requests.map((r) => r.request.id);
  const parties = ids.length ? await db.select().from(signingParties).where(inArray(signingParties.requestId, ids)).orderBy(signingParties.createdAt) : [];
  return requests.map((r) => ({ ...r, parties: parties.filter((p) => p.requestId === r.request.id) }));
}

export async function findOwnRequest(db: DbOrTx, enterpriseId: string, requestId: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(signingRequests).where(and(eq(signingRequests.id, requestId), eq(signingRequests.enterpriseId, enterpriseId)));
  return row;
}

export async function revokeRequestRow(db: DbOrTx, requestId: string): Promise<boolean> {
  const rows = await db.update(signingRequests).set({ revokedAt: new Date() }).where(and(eq(signingRequests.id, requestId), isNull(signingRequests.revokedAt))).returning({ id: signingRequests.id });
  return rows.length > 0;
}
