// The hash-chained audit log: appends stay one chain, and a row altered behind the
// application's back is found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendAudit, checkAuditChain, hashAuditRow } from '../src/audit/audit-log.ts';
import { openDatabase } from '../src/db/client.ts';
import { auditLog } from '../src/db/schema.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createPostgresDatabase, testDbKind } from './support/db.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('audit chain', () => {
  it('concurrent appends form one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => appendAudit(t.app.db, { action: 'test.append', details: { i, nested: { b: 2, a: [1, 'x'] } } })));
    const report = await checkAuditChain(t.app.db, 7);
    expect(report).toEqual({ ok: true, rows: 25 });
  });

  it('an entry written in a rolled-back transaction leaves no trace', async () => {
    await expect(
      t.app.db.transaction(async (tx) => {
        await appendAudit(tx, { action: 'test.rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await checkAuditChain(t.app.db)).ok).toBe(true);
  });

  it('detects a row altered directly in SQL', async () => {
    await t.app.db.execute(sql`update audit_log set details = '{"i": 999}'::jsonb where seq = 10`);
    expect(await checkAuditChain(t.app.db)).toEqual({ ok: false, rows: 9, brokenAt: { seq: 10, reason: 'hash-mismatch' } });
  });

  it('detects a row re-hashed to hide an edit (the next link breaks)', async () => {
    const [row] = await t.app.db.select().from(auditLog).where(eq(auditLog.seq, 10));
    const { hash: _old, ...fields } = row;
    await t.app.db.execute(sql`update audit_log set hash = ${hashAuditRow(fields)} where seq = 10`);
    expect(await checkAuditChain(t.app.db)).toEqual({ ok: false, rows: 10, brokenAt: { seq: 11, reason: 'prev-hash-mismatch' } });
  });

  it('detects a deleted row', async () => {
    await t.app.db.execute(sql`delete from audit_log where seq = 3`);
    expect((await checkAuditChain(t.app.db)).brokenAt).toEqual({ seq: 3, reason: 'gap' });
  });
});

describe('audit-check command', () => {
  it('reports OK, then the first broken link with exit status 1', async () => {
    const cli = fileURLToPath(new URL('../src/cli/audit-check.ts', import.meta.url));
    // The command opens the database the settings name: a fresh one of this run's kind.
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-audit-cli-'));
    const fresh = testDbKind() === 'postgres' ? await createPostgresDatabase() : null;
    const env = { ...process.env, HALL_DATA_DIR: dataDir, DATABASE_URL: fresh?.url ?? '' };
    const open = () => openDatabase(fresh ? { kind: 'postgres', url: fresh.url } : { kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', cli], { env, encoding: 'utf8' });
    try {
      let database = await open();
      for (let i = 0; i < 3; i++) await appendAudit(database.db, { action: 'cli.test', details: { i } });
      await database.close(); // an on-disk PGlite has one user at a time
      const ok = run();
      expect(ok.stdout).toContain('audit chain OK: 3 rows');
      expect(ok.status).toBe(0);
      database = await open();
      await database.db.execute(sql`update audit_log set action = 'forged' where seq = 2`);
      await database.close();
      const bad = run();
      expect(bad.stdout).toContain('BROKEN at seq 2 (hash-mismatch)');
      expect(bad.status).toBe(1);
    } finally {
      await fresh?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
