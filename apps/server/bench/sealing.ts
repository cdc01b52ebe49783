// `node --import tsx apps/server/bench/sealing.ts [case…] [--runs N]`: what the HTTP path adds to
// one sealing operation (prepare + finish) over @hall/pdf-seal's prepare() + finish() called in
// process, on a 1-page, a 100-page and a 50 MB PDF and a cross-page seal over 100 pages.
// Both sides seal the same stored blob with the same placements, certificate, reason and name,
// in the same process, interleaved run by run (the order alternates) so that both see the same
// machine load. The key agent's signing (a real agent process over HTTP) is timed on its own
// and left out of both sides. The library writes its output file without fsync; the server
// stores the new version durably (fsync) in the blob store — that is part of what it adds.
// Medians of ≥ 7 runs; "adds" is the median of the per-run differences. Test PDFs are cached
// in os.tmpdir(); the server runs on PGlite with local blobs, requests through app.inject.
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes, randomInt } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRootCa, exportPkcs12, issueEnterpriseCertificate, renderOfficialSeal, toPem } from '@hall/pki';
import { finish, prepare, type Placement } from '@hall/pdf-seal';
import { creditCodeCheckChar } from '@hall/shared/identifiers';
import type { SealingPlacement } from '@hall/shared/schemas/sealing';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { enterprises, folders, users } from '../src/db/schema.ts';
import { insertFile } from '../src/drive/file-repository.ts';
import type { LocalBlobStore } from '../src/blobs/local-blob-store.ts';
import { median } from './stats.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const MB = 1 << 20;
const PIN = 'bench-p12-password';
const SEAL_MM = 42;

/** N A4 pages with a line of text; `imageBytes` adds one incompressible image (file size). Streams to disk. */
function writePdf(path: string, pages: number, imageBytes = 0): void {
  const fd = openSync(path, 'w');
  let pos = 0;
  const offsets: number[] = [];
  const put = (s: string | Buffer) => {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    writeSync(fd, b);
    pos += b.length;
  };
  const obj = (n: number, body: string) => {
    offsets[n] = pos;
    put(`${n} 0 obj\n${body}\nendobj\n`);
  };
  put('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const first = 5;
  const kids = Array.from({ length: pages }, (_, i) => `${first + 2 * i + 1} 0 R`);
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`);
  obj(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const side = Math.max(1, Math.floor(Math.sqrt(imageBytes / 3)));
  offsets[4] = pos;
  put(`4 0 obj\n<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${side * side * 3} >>\nstream\n`);
  for (let left = side * side * 3; left > 0; left -= 4 * MB) put(randomBytes(Math.min(left, 4 * MB)));
  put('\nendstream\nendobj\n');
  for (let i = 0; i < pages; i++) {
    const image = imageBytes && i === 0 ? 'q 100 0 0 100 400 50 cm /Im0 Do Q ' : '';
    const content = `${image}BT /F1 24 Tf 72 760 Td (Bench page ${i + 1}) Tj ET`;
    obj(first + 2 * i, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    obj(first + 2 * i + 1, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im0 4 0 R >> >> /Contents ${first + 2 * i} 0 R >>`);
  }
  const size = first + 2 * pages;
  const xref = pos;
  put(`xref\n0 ${size}\n0000000000 65535 f \n`);
  for (let n = 1; n < size; n++) put(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  put(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  closeSync(fd);
}

interface Case {
  name: string;
  pages: number;
  imageBytes: number;
  /** one placement, as the page sends it (seal image filled in later) */
  placement: { kind: 'seal'; pages: number[]; x: number; y: number } | { kind: 'cross-page'; pages: number[]; y: number };
}

const cases: Case[] = [
  { name: '1 page', pages: 1, imageBytes: 0, placement: { kind: 'seal', pages: [1], x: 300, y: 400 } },
  { name: '100 pages', pages: 100, imageBytes: 0, placement: { kind: 'seal', pages: [1], x: 300, y: 400 } },
  { name: '50 MB', pages: 1, imageBytes: 50 * MB, placement: { kind: 'seal', pages: [1], x: 300, y: 400 } },
  { name: 'cross-page, 100 pages', pages: 100, imageBytes: 0, placement: { kind: 'cross-page', pages: Array.from({ length: 100 }, (_, i) => i + 1), y: 420 } },
];

const since = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const fmt = (x: number) => `${Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1)} ms`;
const fmtSize = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

function creditCode(): string {
  for (;;) {
    let first17 = '91360200';
    while (first17.length < 17) first17 += String(randomInt(10));
    const check = creditCodeCheckChar(first17);
    if (check) return first17 + check;
  }
}

async function main(): Promise<void> {
  const direct = process.argv[1]?.endsWith('sealing.ts');
  const args = direct ? process.argv.slice(2) : [];
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Math.max(1, Number(args.splice(runsAt, 2)[1])) : 7;
  const only = args;
  const cacheDir = join(tmpdir(), 'hall-sealing-bench-v1');
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'hall-sealing-bench-'));
  const agentProcess: { kill?: () => void } = {};
  try {
    // a CA, the unit's certificate as a PKCS#12 soft token served by the real key agent
    const code = creditCode();
    const unitName = '景德镇市基准测试建设有限公司';
    const root = await createRootCa({ commonName: '基准测试 CA' });
    const cert = await issueEnterpriseCertificate(root, { unitName, creditCode: code });
    const p12Path = join(work, 'unit.p12');
    writeFileSync(p12Path, await exportPkcs12({ certificate: cert.certificate, privateKeyPkcs8: cert.privateKeyPkcs8, chain: cert.chain, password: PIN }));
    const rootPem = join(work, 'root.pem');
    writeFileSync(rootPem, toPem(root.certificate));
    const sealPng = renderOfficialSeal(unitName, { sizePx: 400 });

    const port = 20000 + randomInt(20000);
    const agentUrl = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'apps/key-agent/src/main.ts'), 'serve', '--port', String(port), '--origin', 'http://bench.invalid', '--allow-no-origin', '--p12', p12Path, '--p12-password', PIN], {
      stdio: 'ignore',
      cwd: repoRoot,
    });
    agentProcess.kill = () => child.kill();
    for (let i = 0; ; i++) {
      const up = await fetch(`${agentUrl}/health`).then((r) => r.ok, () => false);
      if (up) break;
      if (i > 300) throw new Error('key agent did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const [agentCert] = (await (await fetch(`${agentUrl}/v1/certificates`)).json()) as { id: string; certificate: string }[];
    const agentSign = async (digest: string) => {
      const res = await fetch(`${agentUrl}/v1/sign`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ certificateId: agentCert!.id, pin: PIN, digest, digestAlgorithm: 'SHA-256' }) });
      return ((await res.json()) as { signature: string }).signature;
    };

    const dataDir = join(work, 'data');
    const config = parseConfig({ HALL_DATA_DIR: dataDir, LOG_LEVEL: 'silent', TRUST_ANCHORS: rootPem, KEY_AGENT_URL: agentUrl, WEB_DIST_DIR: join(work, 'none') });
    const app = await buildApp(config, { logger: false });
    await app.ready();
    const [enterprise] = await app.db.insert(enterprises).values({ unitName, creditCode: code, profileComplete: true }).returning();
    const [user] = await app.db.insert(users).values({ enterpriseId: enterprise!.id, name: '基准' }).returning();
    const [folder] = await app.db.insert(folders).values({ enterpriseId: enterprise!.id, name: '基准', code: 'B' }).returning();
    const session = await app.sessions.createSessionFor(user!.id);
    const headers = { cookie: `hall_session=${session.token}; hall_csrf=b`, 'x-csrf-token': 'b' };
    const certificateDer = new Uint8Array(Buffer.from(agentCert!.certificate, 'base64'));
    const png = Buffer.from(sealPng).toString('base64');

    const loadBefore = load();
    const header = ['case', 'file', 'library prepare', 'library finish', 'library total', 'HTTP prepare', 'HTTP finish', 'HTTP total', 'HTTP adds', 'agent sign (apart)'];
    const rows: string[][] = [];
    for (const c of cases) {
      if (only.length && !only.includes(c.name)) continue;
      const file = join(cacheDir, `${c.pages}p-${c.imageBytes}.pdf`);
      if (!existsSync(file)) {
        writePdf(`${file}.part`, c.pages, c.imageBytes);
        renameSync(`${file}.part`, file);
      }
      const blob = await app.blobs.put(createReadStream(file));
      // the library reads the very file the server reads: the stored blob
      const blobFile = (app.blobs as LocalBlobStore).pathOf(blob.sha256);
      const httpPlacement = { ...c.placement, seal: { png, widthMm: SEAL_MM } } as SealingPlacement;
      const libPlacement: Placement = { ...c.placement, image: { png: sealPng, widthMm: SEAL_MM } } as Placement;
      const t = { libPrepare: [] as number[], libFinish: [] as number[], libTotal: [] as number[], prepare: [] as number[], finish: [] as number[], total: [] as number[], adds: [] as number[], sign: [] as number[] };

      const viaLibrary = async (): Promise<void> => {
        const t0 = process.hrtime.bigint();
        // the certificate's path is [leaf, root]: no intermediates to embed, as on the server
        const prepared = await prepare(blobFile, certificateDer, [], { placements: [libPlacement], reason: '盖章', name: unitName });
        const prepareMs = since(t0);
        const signature = new Uint8Array(Buffer.from(await agentSign(Buffer.from(prepared.toSign).toString('base64')), 'base64'));
        const out = join(work, 'library.pdf');
        const t1 = process.hrtime.bigint();
        await finish(blobFile, prepared.state, signature, {}, out);
        const finishMs = since(t1);
        rmSync(out);
        t.libPrepare.push(prepareMs);
        t.libFinish.push(finishMs);
        t.libTotal.push(prepareMs + finishMs);
      };
      const viaHttp = async (): Promise<void> => {
        // a fresh file row on the same blob per run, so every run seals the same bytes
        const fileId = await app.db.transaction((tx) =>
          insertFile(tx, enterprise!.id, folder!.id, { blobSha256: blob.sha256, size: blob.size, name: 'bench.pdf', mimeType: 'application/pdf', kind: 'pdf', createdBy: user!.id }),
        );
        const t0 = process.hrtime.bigint();
        const p = await app.inject({ method: 'POST', url: `/api/sealing/${fileId}/prepare`, headers, payload: { version: 1, certificate: agentCert!.certificate, placements: [httpPlacement] } });
        const prepareMs = since(t0);
        if (p.statusCode !== 200) throw new Error(`prepare ${p.statusCode} ${p.body}`);
        const { operationId, digest } = p.json() as { operationId: string; digest: string };
        const t1 = process.hrtime.bigint();
        const signature = await agentSign(digest);
        t.sign.push(since(t1));
        const t2 = process.hrtime.bigint();
        const f = await app.inject({ method: 'POST', url: `/api/sealing/operations/${operationId}/finish`, headers, payload: { signature } });
        const finishMs = since(t2);
        if (f.statusCode !== 200) throw new Error(`finish ${f.statusCode} ${f.body}`);
        t.prepare.push(prepareMs);
        t.finish.push(finishMs);
        t.total.push(prepareMs + finishMs);
      };

      await viaLibrary(); // warm-up of both paths (JIT, page cache), not counted
      await viaHttp();
      for (const k of Object.values(t)) k.length = 0;
      for (let i = 0; i < runs; i++) {
        if (i % 2) {
          await viaHttp();
          await viaLibrary();
        } else {
          await viaLibrary();
          await viaHttp();
        }
        t.adds.push(t.total.at(-1)! - t.libTotal.at(-1)!);
      }
      rows.push([c.name, fmtSize(blob.size), ...[t.libPrepare, t.libFinish, t.libTotal, t.prepare, t.finish, t.total, t.adds, t.sign].map((x) => fmt(median(x)))]);
      console.log(rows.at(-1)!.join(' | '));
    }
    await app.close();
    const table = ['| ' + header.join(' | ') + ' |', '|' + header.map(() => ' --- |').join(''), ...rows.map((r) => `| ${r.join(' | ')} |`)];
    console.log(`\n${table.join('\n')}`);
    console.log(`\nmedians of ${runs} runs (after one warm-up); "HTTP adds" = median over runs of (HTTP prepare + finish) − (library prepare + finish);`);
    console.log(`agent signing is timed apart and in neither total. load average (1, 5, 15 min): before ${loadBefore}; after ${load()}`);
  } finally {
    agentProcess.kill?.();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
