// Data access for sealing operations between prepare and finish.
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { PreparedState } from '@hall/pdf-seal';
import type { DbOrTx } from '../db/client.ts';
import { enterprises, sealingOperations } from '../db/schema.ts';

export type OperationRow = Omit<typeof sealingOperations.$inferSelect, 'state' | 'summary'> & { state: PreparedState; summary: OperationSummary };

export interface OperationSummary {
  placements: { kind: 'seal' | 'cross-page' | 'text'; pages: number[]; seal?: string }[];
  certificateSerial: string;
  signer: string;
}

export async function insertOperation(
  db: DbOrTx,
  row: { enterpriseId: string; userId: string; fileId: string; baseVersion: number; state: PreparedState; summary: OperationSummary; expiresAt: Date },
): Promise<string> {
  const [created] = await db.insert(sealingOperations).values(row).returning({ id: sealingOperations.id });
  return created!.id;
}

export async function findOperation(db: DbOrTx, enterpriseId: string, id: string): Promise<OperationRow | undefined> {
  const [row] = await db.select().from(sealingOperations).where(and(eq(sealingOperations.id, id), eq(sealingOperations.enterpriseId, enterpriseId)));
  return row as OperationRow | undefined;
}

/** Marks the operation used; false when another request used it first. */
export async function claimOperation(db: DbOrTx, id: string, resultVersion: number): Promise<boolean> {
  const rows = await db
    .update(sealingOperations)
    .set({ finishedAt: new Date(), resultVersion })
    .where(and(eq(sealingOperations.id, id), isNull(sealingOperations.finishedAt)))
    .returning({ id: sealingOperations.id });
  return rows.length > 0;
}

export async function enterpriseCreditCode(db: DbOrTx, enterpriseId: string): Promise<string> {
  const [row] = await db.select({ creditCode: enterprises.creditCode }).from(enterprises).where(eq(enterprises.id, enterpriseId));
  return row?.creditCode ?? '';
}

/** Removes operations that expired before `cutoff` (used or not); answers how many went. */
export async function deleteExpiredOperations(db: DbOrTx, cutoff: Date): Promise<number> {
  const rows = await db.delete(sealingOperations).where(lt(sealingOperations.expiresAt, cutoff)).returning({ id: sealingOperations.id });
  return rows.length;
}
