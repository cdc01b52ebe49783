// Data access for the 印章库. A deleted seal keeps its row (earlier audit entries name it).
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { seals } from '../../db/schema.ts';

export type SealRow = typeof seals.$inferSelect;
export type NewSeal = typeof seals.$inferInsert;

export function listLiveSeals(db: DbOrTx, enterpriseId: string): Promise<SealRow[]> {
  return db.select().from(seals).where(and(eq(seals.enterpriseId, enterpriseId), isNull(seals.deletedAt))).orderBy(desc(seals.createdAt));
}

export async function findLiveSeal(db: DbOrTx, enterpriseId: string, id: string): Promise<SealRow | undefined> {
  const [row] = await db.select().from(seals).where(and(eq(seals.id, id), eq(seals.enterpriseId, enterpriseId), isNull(seals.deletedAt)));
  return row;
}

export async function insertSeal(db: DbOrTx, seal: NewSeal): Promise<SealRow> {
  const [row] = await db.insert(seals).values(seal).returning();
  return row!;
}

export async function markSealDeleted(db: DbOrTx, enterpriseId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(seals)
    .set({ deletedAt: new Date() })
    .where(and(eq(seals.id, id), eq(seals.enterpriseId, enterpriseId), isNull(seals.deletedAt)))
    .returning({ id: seals.id });
  return rows.length > 0;
}
