// `node --import tsx apps/server/bench/applications.ts [--many 400] [--reads 25] [--submits 30]`:
// the pages that list applications as the number of applications grows, and 申报流水号 under
// concurrent submissions.
//  1. One unit with 10 submitted construction-permit applications, then with `--many`; each time
//     the median of `--reads` requests of: the home page (counts + 申报中列表), 我的办件 (the
//     enterprise's list), the window queue, one application as the window sees it, and 信息查询 by
//     申报流水号. Reported side by side with the ratio many / 10: a list or count that reads every
//     application without an index shows up as a ratio near many / 10.
//  2. `--submits` ready drafts submitted at the same moment: every 申报流水号 distinct and the day's
//     numbers consecutive (the daily counter), and the wall time against the same number submitted
//     one after another.
// The server runs on PGlite (or PostgreSQL with HALL_TEST_DB=postgres and TEST_DATABASE_URL) with
// local blobs, through app.inject. Numbers depend on the machine; read them side by side.
import { loadavg } from 'node:os';
import { buildTestApp, type TestApp } from '../test/support/app.ts';
import { signIn, type SignedIn } from '../test/support/session.ts';
import { api, driveFiles, newApplication, staffApi, staffLogin, type StaffLogin } from '../test/applications-helpers.ts';
import { median } from './stats.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const MANY = flag('--many', 400);
const READS = flag('--reads', 25);
const SUBMITS = flag('--submits', 30);

let t: TestApp;
let unit: SignedIn;
let staff: StaffLogin;
let files: { id: string }[] = [];


function ok<R extends { statusCode: number; body: string }>(res: R, what: string): R {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res;
}

/** A draft with every required row holding a drive file (the same few files serve every draft). */
async function readyDraft(): Promise<{ id: string }> {
  const draft = (await newApplication(t.app, unit)) as { id: string; materials: { id: string; required: boolean }[] };
  const rows = draft.materials.filter((m) => m.required);
  for (const [i, m] of rows.entries()) {
    ok(await api(t.app, unit, 'POST', `/api/applications/${draft.id}/materials/${m.id}/drive-files`, { files: [{ fileId: files[i % files.length]!.id, version: 1 }] }), 'attach');
  }
  return draft;
}

async function submit(id: string): Promise<string> {
  return (ok(await api(t.app, unit, 'POST', `/api/applications/${id}/submit`), 'submit').json() as { serialNo: string }).serialNo;
}

async function timeReads(sample: { id: string; serialNo: string }): Promise<Record<string, number>> {
  const reads: Record<string, () => Promise<unknown>> = {
    '首页 (counts + 申报中列表)': () => api(t.app, unit, 'GET', '/api/home'),
    '我的办件': () => api(t.app, unit, 'GET', '/api/applications'),
    '窗口 申报队列': () => staffApi(t.app, staff, 'GET', '/api/staff/applications'),
    '窗口 one application': () => staffApi(t.app, staff, 'GET', `/api/staff/applications/${sample.id}`),
    '信息查询 by 申报流水号': () => api(t.app, null, 'GET', `/api/lookup/${sample.serialNo}`),
  };
  const out: Record<string, number> = {};
  for (const [name, read] of Object.entries(reads)) {
    ok((await read()) as { statusCode: number; body: string }, name); // warm
    const times: number[] = [];
    for (let i = 0; i < READS; i++) {
      const start = performance.now();
      ok((await read()) as { statusCode: number; body: string }, name);
      times.push(performance.now() - start);
    }
    out[name] = median(times);
  }
  return out;
}

async function main(): Promise<void> {
  t = await buildTestApp();
  try {
    unit = await signIn(t.app, { unitName: '景德镇市基准建设有限公司' });
    staff = await staffLogin(t.app, ['window', 'approver']);
    files = await driveFiles(t.app, unit, Array.from({ length: 10 }, (_, i) => `材料${i + 1}.pdf`));
    console.log(`applications: ${READS} reads each, load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);

    let sample = { id: '', serialNo: '' };
    let submitted = 0;
    const grow = async (to: number) => {
      for (; submitted < to; submitted++) {
        const d = await readyDraft();
        const serialNo = await submit(d.id);
        if (submitted === 0) sample = { id: d.id, serialNo };
      }
    };
    await grow(10);
    const few = await timeReads(sample);
    const started = performance.now();
    await grow(MANY);
    const seeding = (performance.now() - started) / 1000;
    const many = await timeReads(sample);
    console.log(`(${MANY - 10} more applications made and submitted in ${seeding.toFixed(1)} s)`);
    console.log(`| request | 10 applications | ${MANY} applications | ${MANY} / 10 |`);
    console.log('| --- | --- | --- | --- |');
    for (const name of Object.keys(few)) console.log(`| ${name} | ${few[name]!.toFixed(1)} ms | ${many[name]!.toFixed(1)} ms | ${(many[name]! / few[name]!).toFixed(2)}× |`);

    // 2. 申报流水号 under concurrent submissions
    const atOnce = await Promise.all(Array.from({ length: SUBMITS }, readyDraft));
    const inTurn = await Promise.all(Array.from({ length: SUBMITS }, readyDraft));
    let start = performance.now();
    const serials = await Promise.all(atOnce.map((d) => submit(d.id)));
    const allAtOnce = performance.now() - start;
    start = performance.now();
    for (const d of inTurn) serials.push(await submit(d.id));
    const oneAfterAnother = performance.now() - start;
    const numbers = serials.map((s) => Number(s.slice(8))).sort((a, b) => a - b);
    const distinct = new Set(serials).size === serials.length;
    const consecutive = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
    console.log(
      `申报流水号: ${SUBMITS} submitted at once in ${allAtOnce.toFixed(0)} ms, ${SUBMITS} one after another in ${oneAfterAnother.toFixed(0)} ms (${(allAtOnce / oneAfterAnother).toFixed(2)}×); ` +
        `${serials.length} numbers ${distinct ? 'all distinct' : 'NOT DISTINCT'}, ${consecutive ? 'consecutive' : 'NOT CONSECUTIVE'} (${serials[0]?.slice(0, 8)} ${String(numbers[0]).padStart(4, '0')}–${String(numbers.at(-1)).padStart(4, '0')})`,
    );
    if (!distinct || !consecutive) process.exitCode = 1;
  } finally {
    await t.close();
  }
}

await main();
