// `node --import tsx apps/server/bench/sealing.ts [case…]`: the server side of one sealing
// operation through the HTTP API (prepare + the real key agent signing over HTTP + finish,
// PGlite, local blobs) on a 1-page, a 100-page and a 50 MB PDF, and a cross-page seal over 100
// pages; medians beside the pdfseal CLI (a process per run, startup included) and beside
// pdf-seal's sign() called in process on the same files. Test files are cached in os.tmpdir().
import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync, createReadStream } from 'node:fs';
import { randomBytes, randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createRootCa, exportPkcs12, issueEnterpriseCertificate, renderOfficialSeal, toPem } from '@hall/pki';
import { sign, type Placement } from '@hall/pdf-seal';
import { openP12Token, tokenSigner } from '@hall/token';
import { creditCodeCheckChar } from '@hall/shared/identifiers';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { enterprises, folders, users } from '../src/db/schema.ts';
import { insertFile } from '../src/drive/file-repository.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const MB = 1 << 20;
const PIN = 'bench-p12-password';

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
  runs: number;
  placements: (png: string) => unknown[];
}

const seal = (png: string) => ({ png, widthMm: 42 });
const cases: Case[] = [
  { name: '1 page', pages: 1, imageBytes: 0, runs: 7, placements: (png) => [{ kind: 'seal', pages: [1], x: 300, y: 400, seal: seal(png) }] },
  { name: '100 pages', pages: 100, imageBytes: 0, runs: 5, placements: (png) => [{ kind: 'seal', pages: [1], x: 300, y: 400, seal: seal(png) }] },
  { name: '50 MB', pages: 1, imageBytes: 50 * MB, runs: 3, placements: (png) => [{ kind: 'seal', pages: [1], x: 300, y: 400, seal: seal(png) }] },
  {
    name: 'cross-page, 100 pages',
    pages: 100,
    imageBytes: 0,
    runs: 5,
    placements: (png) => [{ kind: 'cross-page', pages: Array.from({ length: 100 }, (_, i) => i + 1), y: 420, seal: seal(png) }],
  },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const fmtSize = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

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
  const only = direct ? process.argv.slice(2) : [];
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
    const sealPath = join(work, 'seal.png');
    writeFileSync(sealPath, sealPng);

    const port = 20000 + randomInt(20000);
    const agentUrl = `http://127.0.0.1:${port}`;
    const { spawn } = await import('node:child_process');
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
    const signer = await tokenSigner(openP12Token({ file: p12Path, password: PIN }), agentCert!.id, PIN);

    const rows: string[][] = [['case', 'file', 'HTTP prepare', 'agent sign', 'HTTP finish', 'total (server + agent)', 'pdf-seal sign() in process', 'pdfseal CLI (process)']];
    const png = Buffer.from(sealPng).toString('base64');
    for (const c of cases) {
      if (only.length && !only.includes(c.name)) continue;
      const file = join(cacheDir, `${c.pages}p-${c.imageBytes}.pdf`);
      if (!existsSync(file)) {
        writePdf(`${file}.part`, c.pages, c.imageBytes);
        renameSync(`${file}.part`, file);
      }
      const size = statSync(file).size;
      const blob = await app.blobs.put(createReadStream(file));
      const t = { prepare: [] as number[], sign: [] as number[], finish: [] as number[], total: [] as number[], lib: [] as number[], cli: [] as number[] };
      for (let i = 0; i < c.runs; i++) {
        // a fresh file row on the same blob per run, so every run seals the same bytes
        const fileId = await app.db.transaction((tx) =>
          insertFile(tx, enterprise!.id, folder!.id, { blobSha256: blob.sha256, size: blob.size, name: 'bench.pdf', mimeType: 'application/pdf', kind: 'pdf', createdBy: user!.id }),
        );
        const t0 = process.hrtime.bigint();
        const p = await app.inject({ method: 'POST', url: `/api/sealing/${fileId}/prepare`, headers, payload: { version: 1, certificate: agentCert!.certificate, placements: c.placements(png) } });
        if (p.statusCode !== 200) throw new Error(`prepare ${p.statusCode} ${p.body}`);
        t.prepare.push(ms(t0));
        const t1 = process.hrtime.bigint();
        const { operationId, digest } = p.json() as { operationId: string; digest: string };
        const signature = await agentSign(digest);
        t.sign.push(ms(t1));
        const t2 = process.hrtime.bigint();
        const f = await app.inject({ method: 'POST', url: `/api/sealing/operations/${operationId}/finish`, headers, payload: { signature } });
        if (f.statusCode !== 200) throw new Error(`finish ${f.statusCode} ${f.body}`);
        t.finish.push(ms(t2));
        t.total.push(ms(t0));

        const placements = (c.placements(png) as { kind: string; pages: number[]; x?: number; y: number }[]).map(
          (pl): Placement => (pl.kind === 'seal' ? { kind: 'seal', pages: pl.pages, x: pl.x!, y: pl.y, image: { png: sealPng } } : { kind: 'cross-page', pages: pl.pages, y: pl.y, image: { png: sealPng } }),
        );
        const out = join(work, 'lib.pdf');
        const t3 = process.hrtime.bigint();
        await sign(file, signer, { placements }, out);
        t.lib.push(ms(t3));

        const cliPlace = c.placements(png)[0] as { kind: string; pages: number[]; x?: number; y: number };
        const pagesArg = cliPlace.pages.length > 1 ? `1-${cliPlace.pages.length}` : '1';
        const place = cliPlace.kind === 'seal' ? ['--place', `${pagesArg}@${cliPlace.x},${cliPlace.y}`] : ['--cross-page', `${pagesArg}@${cliPlace.y}`];
        const t4 = process.hrtime.bigint();
        await run(process.execPath, [join(repoRoot, 'packages/pdf-seal/bin/pdfseal.js'), 'sign', file, '-o', join(work, 'cli.pdf'), '--p12', p12Path, '--pin', PIN, '--seal', sealPath, ...place], { cwd: repoRoot, timeout: 600_000 });
        t.cli.push(ms(t4));
      }
      rows.push([c.name, fmtSize(size), ...[t.prepare, t.sign, t.finish, t.total, t.lib, t.cli].map((x) => `${fmt(median(x))} ms`)]);
      console.log(rows.at(-1)!.join(' | '));
    }
    await app.close();
    console.log('\n| ' + rows[0]!.join(' | ') + ' |\n|' + rows[0]!.map(() => ' --- |').join('') + '\n' + rows.slice(1).map((r) => `| ${r.join(' | ')} |`).join('\n'));
    console.log('\nmedians; total = prepare + agent sign + finish as one client sees them (app.inject, no network); the CLI column includes node + tsx start-up.');
  } finally {
    agentProcess.kill?.();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
