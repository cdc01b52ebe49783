// Data access for 特别程序 (专家评审, 现场勘察…): the rows of one application, the open one, and
// the view both the enterprise and the window read. Whether one may start or end is the state
// machine's to say (start_special / end_special).
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { SPECIAL_PROCEDURE_KINDS, type SpecialProcedure, type SpecialProcedureKind } from '@hall/shared/schemas/applications';
import type { DbOrTx } from '../db/client.ts';
import { specialProcedures } from '../db/schema.ts';

type Row = typeof specialProcedures.$inferSelect;

const DAY_MS = 86_400_000;

export const specialKindLabel = (kind: string): string => SPECIAL_PROCEDURE_KINDS[kind as SpecialProcedureKind] ?? kind;

export function toSpecialProcedure(r: Row): SpecialProcedure {
  return {
    id: r.id,
    kind: r.kind as SpecialProcedureKind,
    kindLabel: specialKindLabel(r.kind),
    reason: r.reason,
    expectedDays: r.expectedDays,
    startedAt: r.startedAt.toISOString(),
    expectedEndAt: new Date(r.startedAt.getTime() + r.expectedDays * DAY_MS).toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    result: r.result,
  };
}

export async function listSpecialProcedures(db: DbOrTx, applicationId: string): Promise<Row[]> {
  return db.select().from(specialProcedures).where(eq(specialProcedures.applicationId, applicationId)).orderBy(asc(specialProcedures.startedAt));
}

export async function openSpecialProcedure(db: DbOrTx, applicationId: string): Promise<Row | undefined> {
  const [row] = await db
    .select()
    .from(specialProcedures)
    .where(and(eq(specialProcedures.applicationId, applicationId), isNull(specialProcedures.endedAt)));
  return row;
}

export async function startSpecialProcedure(db: DbOrTx, v: { applicationId: string; kind: SpecialProcedureKind; reason: string; expectedDays: number; staffId: string }): Promise<void> {
  await db.insert(specialProcedures).values({ applicationId: v.applicationId, kind: v.kind, reason: v.reason, expectedDays: v.expectedDays, startedBy: v.staffId });
}

export async function endSpecialProcedure(db: DbOrTx, id: string, v: { result: string; staffId: string }): Promise<void> {
  await db.update(specialProcedures).set({ endedAt: sql`now()`, endedBy: v.staffId, result: v.result }).where(eq(specialProcedures.id, id));
}
