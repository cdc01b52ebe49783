// `node --import tsx apps/server/bench/parties.ts [--runs N] [--parties 1,2,4,8]`: invited persons
// who confirm their signatures on the same file at the same moment (发起盖章、签名). They are
// serialized on the file's version, so every signature must land and stay valid; what that costs
// is measured against the same number of persons confirming one after another on another file.
// Each person first passes the real path (signing link, SMS code from the outbox, verification);
// only the confirmations are timed. The server runs on PGlite with local blobs, through app.inject.
// Reported: medians over the runs of the wall time for all N, the ratio concurrent / one after
// another, and the check of the final file (poppler's pdfsig and @hall/pdf-seal's verify).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { verify } from '@hall/pdf-seal';
import { idNumberCheckChar } from '@hall/shared/identifiers';
import { buildTestApp, type TestApp } from '../test/support/app.ts';
import { signIn, type SignedIn } from '../test/support/session.ts';
import { createTestPki, download, makePdf, personSigningEnv, uploadPdf, type TestPki } from '../test/sealing-helpers.ts';
import { median } from './stats.ts';

const run = promisify(execFile);
const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const RUNS = Number(flag('--runs') ?? 5);
const PARTY_COUNTS = (flag('--parties') ?? '1,2,4,8').split(',').map(Number);

let t: TestApp;
let pki: TestPki;
let owner: SignedIn;
let work: string;
let serial = 0;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const inject = (method: 'GET' | 'POST', url: string, who?: SignedIn, payload?: object, ip = '10.9.0.1') =>
  t.app.inject({ method, url, headers: who?.headers ?? { cookie: 'hall_csrf=b', 'x-csrf-token': 'b' }, payload, remoteAddress: ip });

function expectOk(res: { statusCode: number; body: string }, what: string): void {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

/** A real-looking distinct Chinese name for each serial (names must be Chinese characters). */
const nameOf = (n: number) => `${'王李张刘陈杨赵黄周吴'[n % 10]}${'一二三四五六七八九十'[Math.floor(n / 10) % 10]}${'甲乙丙丁戊己庚辛壬癸'[Math.floor(n / 100) % 10]}`;

/** A distinct person each time: valid 身份证号 check digit, its own phone and IP (SMS limits). */
function nextPerson() {
  serial++;
  const first17 = `36020319900101${String(serial).padStart(3, '0')}`;
  return { kind: 'person', name: nameOf(serial), idNumber: `${first17}${idNumberCheckChar(first17)}`, phone: `139${String(10_000_000 + serial).slice(-8)}`, ip: `10.8.${serial >> 8}.${serial & 255}` };
}

/** A file with N invited persons, each verified and ready to confirm; returns the confirmations. */
async function readyParties(n: number): Promise<{ fileId: string; confirm: (() => Promise<void>)[] }> {
  const { fileId } = await uploadPdf(t.app, owner, `并发${serial}.pdf`, makePdf(2));
  const people = Array.from({ length: n }, nextPerson);
  const created = await inject('POST', '/api/invitations', owner, { fileId, projectName: '景德镇陶瓷文化中心项目', parties: people.map(({ ip: _ip, ...p }) => p) });
  expectOk(created, 'invite');
  const parties = (created.json() as { parties: { link: string }[] }).parties;
  const confirm: (() => Promise<void>)[] = [];
  for (const [i, p] of parties.entries()) {
    const who = people[i]!;
    const link = await inject('POST', `/api/invite/${p.link.split('/').pop()}/person-link`);
    expectOk(link, 'person-link');
    const mobile = (link.json() as { token: string }).token;
    expectOk(await inject('POST', `/api/m/${mobile}/code`, undefined, { name: who.name, idNumber: who.idNumber, phone: who.phone }, who.ip), 'code');
    const sms = (await inject('GET', `/api/dev/sms?phone=${who.phone}`)).json() as { params: { code: string } }[];
    expectOk(await inject('POST', `/api/m/${mobile}/verify`, undefined, { code: sms[0]!.params.code }), 'verify');
    confirm.push(async () => expectOk(await inject('POST', `/api/m/${mobile}/signature`, undefined, { png: b64(pki.sealPng) }), 'signature'));
  }
  return { fileId, confirm };
}

/** The final file: N signatures, each valid for poppler and for our verifier. */
async function check(fileId: string, n: number): Promise<boolean> {
  const path = join(work, `final-${fileId}.pdf`);
  writeFileSync(path, await download(t.app, owner, fileId));
  const { stdout } = await run('pdfsig', ['-nocert', path]).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
  const valid = (stdout.match(/Signature is Valid/g) ?? []).length;
  const report = await verify(path, { trustAnchors: [pki.root.certificate] });
  return valid === n && report.ok && report.signatures.length === n;
}

async function main(): Promise<void> {
  work = mkdtempSync(join(tmpdir(), 'hall-bench-parties-'));
  pki = await createTestPki(work);
  t = await buildTestApp({ TRUST_ANCHORS: pki.rootPemPath, ...(await personSigningEnv(pki, work)) });
  owner = await signIn(t.app, { unitName: '景德镇市基准建设有限公司' });
  console.log(`persons confirming on one file: ${RUNS} runs each, load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  console.log('| persons | one after another | all at once | at once / one after another | final file valid (runs) |');
  console.log('| --- | --- | --- | --- | --- |');
  try {
    // one warm-up of each path, not counted
    for (const f of (await readyParties(1)).confirm) await f();
    for (const n of PARTY_COUNTS) {
      const seq: number[] = [];
      const par: number[] = [];
      const ratios: number[] = [];
      let valid = 0;
      for (let r = 0; r < RUNS; r++) {
        const a = await readyParties(n);
        const b = await readyParties(n);
        let start = performance.now();
        for (const f of a.confirm) await f();
        const one = performance.now() - start;
        start = performance.now();
        await Promise.all(b.confirm.map((f) => f()));
        const all = performance.now() - start;
        seq.push(one);
        par.push(all);
        ratios.push(all / one);
        if ((await check(a.fileId, n)) && (await check(b.fileId, n))) valid++;
      }
      console.log(`| ${n} | ${median(seq).toFixed(0)} ms | ${median(par).toFixed(0)} ms | ${median(ratios).toFixed(2)}× | ${valid}/${RUNS} |`);
    }
  } finally {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
