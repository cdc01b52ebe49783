// The audit log: append-only, hash-chained. Each row's hash covers a canonical serialization
// of its fields and the previous row's hash, so altering, deleting or inserting a row breaks
// the chain from that point. Appends take a transaction-scoped advisory lock so that the
// chain stays one line even with many server instances writing.
import { createHash } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

const APPEND_LOCK = 72_616_002;
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  enterpriseId?: string | null;
  userId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

type AuditRow = typeof auditLog.$inferSelect;

/** JSON with object keys sorted at every depth: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  const canonical = canonicalJson([
    row.seq,
    row.at.toISOString(),
    row.enterpriseId,
    row.userId,
    row.action,
    row.targetType,
    row.targetId,
    row.details,
    row.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one entry. Pass the caller's transaction so the entry commits with the action. */
export async function appendAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  const write = async (tx: DbOrTx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
    const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const row = {
      seq: (last?.seq ?? 0) + 1,
      at: new Date(),
      enterpriseId: entry.enterpriseId ?? null,
      userId: entry.userId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await tx.insert(auditLog).values({ ...row, hash: hashAuditRow(row) });
  };
  // A transaction object has no .transaction of its own in our type; a savepoint is not needed.
  if ('rollback' in db) await write(db);
  else await db.transaction(write);
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** The first row whose link is broken, and why. */
  brokenAt?: { seq: number; reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'gap' };
}

/** Walks the whole chain in pages and reports the first broken link. */
export async function checkAuditChain(db: Db, pageSize = 1000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} >= ${expectedSeq}`)
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    if (page.length === 0) return { ok: true, rows };
    for (const row of page) {
      if (row.seq !== expectedSeq) return { ok: false, rows, brokenAt: { seq: expectedSeq, reason: 'gap' } };
      if (row.prevHash !== prevHash) return { ok: false, rows, brokenAt: { seq: row.seq, reason: 'prev-hash-mismatch' } };
      const { hash, ...rest } = row;
      if (hashAuditRow(rest) !== hash) return { ok: false, rows, brokenAt: { seq: row.seq, reason: 'hash-mismatch' } };
      prevHash = hash;
      expectedSeq += 1;
      rows += 1;
    }
  }
}
