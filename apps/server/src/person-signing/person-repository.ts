// Data access for persons (event certificate, encrypted key, kept signature) and signing links.
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { personSigningSessions, persons } from '../db/schema.ts';

export type PersonRow = typeof persons.$inferSelect;
export type SigningSessionRow = typeof personSigningSessions.$inferSelect;

export async function findPerson(db: DbOrTx, idNumber: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.idNumber, idNumber));
  return row;
}

export async function findSessionByHash(db: DbOrTx, tokenHash: string): Promise<SigningSessionRow | undefined> {
  const [row] = await db.select().from(personSigningSessions).where(eq(personSigningSessions.tokenHash, tokenHash));
  return row;
}

export async function findSession(db: DbOrTx, id: string): Promise<SigningSessionRow | undefined> {
  const [row] = await db.select().from(personSigningSessions).where(eq(personSigningSessions.id, id));
  return row;
}

export async function updateSession(db: DbOrTx, id: string, values: Partial<typeof personSigningSessions.$inferInsert>, onlyUnused = true): Promise<boolean> {
  const rows = await db
    .update(personSigningSessions)
    .set(values)
    .where(onlyUnused ? and(eq(personSigningSessions.id, id), isNull(personSigningSessions.usedAt)) : eq(personSigningSessions.id, id))
    .returning({ id: personSigningSessions.id });
  return rows.length > 0;
}
