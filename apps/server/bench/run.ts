// `npm run bench -w apps/server`:
//  1. a 1 GB upload streamed through the real server process (src/main.ts), with the growth
//     of its resident memory sampled from /proc while the bytes flow (target: < 100 MB);
//  2. 20 small Word files converted to PDF through the job workers, with the LibreOffice pool
//     at CONVERTER_CONCURRENCY=2 and at 1 (one soffice process at a time), in files/second;
//  3. one sealing operation through the HTTP API against the library in process (sealing.ts);
//  4. invited persons confirming on one file at the same moment against one after another (parties.ts);
//  5. the application lists at 10 and 400 applications, and 申报流水号 under concurrent submits (applications.ts).
// Numbers depend on the machine and on what else runs on it; read them side by side.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { SessionService } from '../src/sessions/session-service.ts';
import { seedSignedIn, type SignedIn } from '../test/support/session.ts';
import { startServer } from '../test/support/server-process.ts';
import { makeDocx, multipart } from '../test/support/files.ts';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function benchUpload(totalMb: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-bench-upload-'));
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    const who: SignedIn = await seedSignedIn(database.db, new SessionService(database.db, 30));
    await database.close();
    const server = await startServer({ HALL_DATA_DIR: dataDir, MAX_UPLOAD_MB: String(totalMb + 10), WORKER_MODE: 'http', DATABASE_URL: '' });
    const pid = server.proc.pid!;
    try {
      const folder = await fetch(`${server.url}/api/drive/folders`, {
        method: 'POST',
        headers: { ...who.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '基准测试', code: 'bench' }),
      }).then((r) => r.json() as Promise<{ id: string }>);
      // Warm up the upload path, then take the baseline.
      const small = multipart([{ filename: 'warm.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
      await fetch(`${server.url}/api/drive/folders/${folder.id}/files`, { method: 'POST', headers: { ...who.headers, ...small.headers }, body: small.payload });
      await sleep(500);
      const baseline = rssOf(pid);
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);

      const boundary = 'benchboundary';
      const url = new URL(`${server.url}/api/drive/folders/${folder.id}/files`);
      const started = process.hrtime.bigint();
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        const chunk = randomBytes(MB);
        void (async () => {
          req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="一个很大的文件.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
          for (let i = 0; i < totalMb; i++) {
            if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
          }
          req.end(`\r\n--${boundary}--\r\n`);
        })();
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(sampler);
      console.log(`upload ${totalMb} MB through the server: HTTP ${status}, ${seconds.toFixed(1)} s, ${(totalMb / seconds).toFixed(0)} MB/s`);
      console.log(`  server RSS: baseline ${(baseline / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB, growth ${((peak - baseline) / MB).toFixed(1)} MB (target < 100 MB)`);
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchConversion(files: number, concurrency: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-bench-convert-'));
  const config = parseConfig({ HALL_DATA_DIR: dataDir, LOG_LEVEL: 'silent', CONVERTER_CONCURRENCY: String(concurrency), WEB_DIST_DIR: join(dataDir, 'none') });
  const database = await openDatabase({ kind: 'pglite' });
  const app = await buildApp(config, { database, logger: false });
  try {
    const who = await seedSignedIn(app.db, app.sessions);
    const folder = (await app.inject({ method: 'POST', url: '/api/drive/folders', headers: who.headers, payload: { name: '转换基准', code: 'c' } })).json() as { id: string };
    const docs = await Promise.all(Array.from({ length: files }, (_, i) => makeDocx([`第 ${i + 1} 份承诺书`, '建设资金已经落实，特此承诺。'.repeat(20)])));
    const body = multipart(docs.map((content, i) => ({ filename: `承诺书${i + 1}.docx`, content })));
    const uploaded = (await app.inject({ method: 'POST', url: `/api/drive/folders/${folder.id}/files`, headers: { ...who.headers, ...body.headers }, payload: body.payload })).json() as { id: string }[];
    const started = process.hrtime.bigint();
    const { jobs } = (await app.inject({ method: 'POST', url: '/api/drive/convert', headers: who.headers, payload: { fileIds: uploaded.map((f) => f.id) } })).json() as { jobs: { jobId: string }[] };
    app.workers.start();
    for (;;) {
      const states = await Promise.all(jobs.map(async (j) => (await app.inject({ method: 'GET', url: `/api/jobs/${j.jobId}`, headers: who.headers })).json().state as string));
      if (states.every((s) => s === 'done' || s === 'failed')) {
        const failed = states.filter((s) => s === 'failed').length;
        if (failed) console.log(`  ${failed} conversions failed`);
        break;
      }
      await sleep(100);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = files / seconds;
    console.log(`convert ${files} Word files, ${concurrency} soffice process${concurrency > 1 ? 'es' : ''} at a time: ${seconds.toFixed(1)} s, ${rate.toFixed(2)} files/s`);
    return rate;
  } finally {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const uploadMb = Number(process.env.BENCH_UPLOAD_MB ?? 1024);
await benchUpload(uploadMb);
const pooled = await benchConversion(20, 2);
const serial = await benchConversion(20, 1);
console.log(`pool of 2 vs one at a time: ${(pooled / serial).toFixed(2)}×`);

// 3. one sealing operation through the HTTP API (the sealing helper's bench/sealing.ts)
await import('./sealing.ts');

// 4. invited persons confirming on one file at the same moment (bench/parties.ts)
await import('./parties.ts');

// 5. application lists as applications grow, and 申报流水号 under concurrent submits (bench/applications.ts)
await import('./applications.ts');
