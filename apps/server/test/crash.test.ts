// Crash safety: SIGKILL the real server in the middle of a big streaming upload, restart it,
// and find no blob file whose bytes disagree with its hash name and no version row pointing
// at a missing blob. Then stop it with SIGTERM and see it exit cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openDatabase, rowsOf, type Database } from '../src/db/client.ts';
import { SessionService } from '../src/sessions/session-service.ts';
import { createPostgresDatabase, testDbKind } from './support/db.ts';
import { seedSignedIn, type SignedIn } from './support/session.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { multipart, samples } from './support/files.ts';
import { sql } from 'drizzle-orm';

const dataDir = mkdtempSync(join(tmpdir(), 'hall-crash-'));
const blobDir = join(dataDir, 'blobs');
let pgDb: { url: string; drop(): Promise<void> } | null = null;
let env: Record<string, string>;
let who: SignedIn;
let server: ServerProcess | null = null;

async function openDb(): Promise<Database> {
  return pgDb ? openDatabase({ kind: 'postgres', url: pgDb.url }) : openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
}

beforeAll(async () => {
  if (testDbKind() === 'postgres') pgDb = await createPostgresDatabase();
  env = { HALL_DATA_DIR: dataDir, DATABASE_URL: pgDb?.url ?? '', WORKER_MODE: 'http' };
  // Seed a signed-in user before the server owns the database (an on-disk PGlite has one user).
  const database = await openDb();
  who = await seedSignedIn(database.db, new SessionService(database.db, 30));
  await database.close();
});

afterAll(async () => {
  if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
  await pgDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(path: string, init: { method?: string; body?: Buffer | string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${server!.url}${path}`, { method: init.method ?? 'GET', headers: { ...who.headers, ...init.headers }, body: init.body });
  return { status: res.status, json: (await res.json()) as unknown };
}

function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  return pipeline(createReadStream(path), hash).then(() => hash.digest('hex'));
}

function blobFiles(): string[] {
  if (!existsSync(blobDir)) return [];
  return readdirSync(blobDir)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(join(blobDir, d)).map((f) => join(blobDir, d, f)));
}

function tempBytes(): number {
  const tmp = join(blobDir, '.tmp');
  return existsSync(tmp) ? readdirSync(tmp).reduce((n, f) => n + statSync(join(tmp, f)).size, 0) : 0;
}

describe('crash during upload', () => {
  let folderId: string;
  let keptFileId: string;
  const kept = samples.pdf();

  it('starts, takes a small upload', async () => {
    server = await startServer(env);
    const folder = await api('/api/drive/folders', { method: 'POST', body: JSON.stringify({ name: '崩溃测试', code: 'crash' }), headers: { 'content-type': 'application/json' } });
    expect(folder.status).toBe(201);
    folderId = (folder.json as { id: string }).id;
    const body = multipart([{ filename: '崩溃前已上传.pdf', content: kept }]);
    const up = await api(`/api/drive/folders/${folderId}/files`, { method: 'POST', body: body.payload, headers: body.headers });
    expect(up.status).toBe(201);
    keptFileId = (up.json as { id: string }[])[0].id;
  });

  it('is killed (SIGKILL) in the middle of a 150 MB streaming upload', async () => {
    const boundary = 'crashboundary';
    const url = new URL(`${server!.url}/api/drive/folders/${folderId}/files`);
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('error', () => {}); // the server dies under it
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="大文件.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
    const chunk = randomBytes(1024 * 1024);
    let sent = 0;
    // Write until the server has clearly begun storing, then kill it while bytes still flow.
    while (sent < 150 && tempBytes() < 40 * 1024 * 1024) {
      if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      sent += 1;
    }
    expect(tempBytes()).toBeGreaterThan(0);
    server!.proc.kill('SIGKILL');
    expect(await server!.exited).toBeNull();
    req.destroy();
  });

  it('restarts with every blob intact under its hash name and no row pointing at a missing blob', async () => {
    server = await startServer(env);
    const health = await api('/api/health');
    expect(health.status).toBe(200);
    for (const path of blobFiles()) expect(await sha256File(path)).toBe(path.split('/').pop());
    const files = await api(`/api/drive/folders/${folderId}/files`);
    expect((files.json as { name: string }[]).map((f) => f.name)).toEqual(['崩溃前已上传.pdf']);
    const download = await fetch(`${server.url}/api/drive/files/${keptFileId}/content`, { headers: who.headers });
    expect(Buffer.from(await download.arrayBuffer()).equals(kept)).toBe(true);
  });

  it('stops cleanly on SIGTERM, and the database agrees with the blob folder', async () => {
    server!.proc.kill('SIGTERM');
    const code = await server!.exited;
    expect(code, server!.output()).toBe(0);
    const database = await openDb();
    try {
      const rows = rowsOf<{ sha: string; size: string | number }>(await database.db.execute(sql`select v.blob_sha256 as sha, b.size from file_versions v join blobs b on b.sha256 = v.blob_sha256`));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const path = join(blobDir, row.sha.slice(0, 2), row.sha);
        expect(existsSync(path)).toBe(true);
        expect(statSync(path).size).toBe(Number(row.size));
      }
    } finally {
      await database.close();
    }
  });
});
