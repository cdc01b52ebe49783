// 容缺补齐 after a 容缺通过 办结: the enterprise attaches the owed materials (我的云盘, 本地上传 or
// 我的材料; new files beside the earlier ones, never another unit's) and submits them (容缺待确认); the window returns them with a
// reason (容缺待补齐 again) or confirms (已办结（容缺通过）, off the 申报中列表); 逾期 is read from
// the 承诺补齐 date; SMS and audit follow each step; refusals carry their own codes.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { auditLog } from '../src/db/schema.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { multipart, samples } from './support/files.ts';
import { api, CONSTRUCTION_PERMIT, driveFiles, fillRequired, newApplication, staffApi, staffLogin, type StaffLogin } from './applications-helpers.ts';

let t: TestApp;
let alice: SignedIn;
let bob: SignedIn;
let windowStaff: StaffLogin;
let approver: StaffLogin;

beforeAll(async () => {
  t = await buildTestApp({ SMS_OUTBOX_API: 'true' });
  alice = await signIn(t.app, { unitName: '景德镇市甲建设有限公司' });
  bob = await signIn(t.app, { unitName: '景德镇市乙施工有限公司' });
  windowStaff = await staffLogin(t.app, ['window']);
  approver = await staffLogin(t.app, ['approver']);
});
afterAll(() => t.close());

const row13 = `${CONSTRUCTION_PERMIT}-13`;
const row14 = `${CONSTRUCTION_PERMIT}-14`;
const act = (who: StaffLogin, id: string, body: object) => staffApi(t.app, who, 'POST', `/api/staff/applications/${id}/actions`, body);
const submitDeferral = (id: string) => api(t.app, alice, 'POST', `/api/applications/${id}/deferral`);
const attach = (id: string, materialId: string, file: { id: string; version: number }, who = alice) =>
  api(t.app, who, 'POST', `/api/applications/${id}/materials/${materialId}/drive-files`, { files: [{ fileId: file.id, version: file.version }] });
const inProgress = async () => ((await api(t.app, alice, 'GET', '/api/home')).json().inProgress.items as { serialNo: string; status: string }[]);
const queue = async (flag: string) => ((await staffApi(t.app, windowStaff, 'GET', `/api/staff/applications?flag=${flag}&pageSize=100`)).json().items as { serialNo: string; status: string }[]);
const sms = async () => ((await api(t.app, null, 'GET', '/api/dev/sms?phone=13800138000')).json() as { text: string; template: string }[]);
const chinaDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

/** Submitted with a file on every row, accepted, then finished as asked. */
async function finished(body: object) {
  const draft = await newApplication(t.app, alice);
  await fillRequired(t.app, alice, draft, true);
  const app = (await api(t.app, alice, 'POST', `/api/applications/${draft.id}/submit`)).json();
  await act(windowStaff, app.id, { action: 'accept' });
  const done = await act(approver, app.id, { action: 'finish', ...body });
  if (done.statusCode !== 200) throw new Error(done.body);
  return done.json();
}

describe('容缺补齐', () => {
  it('the enterprise submits the owed materials, the window returns them once and then confirms: 已办结（容缺通过） and off the 申报中列表', async () => {
    const app = await finished({ outcome: 'conditional', reason: '准予许可', deferredMaterialIds: [row13, row14], promisedBy: chinaDay(30) });
    expect(app.status).toBe('容缺待补齐');
    const owed = app.materials.filter((m: { id: string }) => [row13, row14].includes(m.id));
    for (const m of owed) expect(m.requests).toEqual([expect.objectContaining({ kind: 'deferral', reason: '容缺通过，承诺补齐', overdue: false, closedAt: null })]);
    expect(owed[1].requests[0].deadline).toBe(new Date(`${chinaDay(30)}T23:59:59.999+08:00`).toISOString());
    const earlier = owed[1].attachments.map((a: { id: string }) => a.id);
    expect(earlier).toHaveLength(1);
    expect((await queue('deferral_owed')).find((i) => i.serialNo === app.serialNo)?.status).toBe('容缺待补齐');
    expect((await queue('deferral_submitted')).map((i) => i.serialNo)).not.toContain(app.serialNo);

    // nothing attached yet: both rows named; the window cannot decide before the enterprise submitted
    const empty = await submitDeferral(app.id);
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ code: 'MATERIALS_MISSING' });
    expect(empty.json().missing.map((m: { index: number }) => m.index)).toEqual([13, 14]);
    const early = await act(windowStaff, app.id, { action: 'confirm_deferral' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'DEFERRAL_NOT_SUBMITTED', message: '企业尚未提交补齐材料，不能确认补齐' });

    // only the owed rows take files; another unit's file is not found; the earlier file stays and cannot be removed
    const [mine, second, third, fourth] = await driveFiles(t.app, alice, ['容缺材料14.pdf', '容缺材料14-第二次.pdf', '容缺材料13-第二次.pdf', '多余.pdf']);
    const [bobs] = await driveFiles(t.app, bob, ['乙单位文件.pdf']);
    const foreign = await attach(app.id, row14, bobs!);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'NOT_FOUND', message: '文件不存在' });
    expect((await attach(app.id, `${CONSTRUCTION_PERMIT}-01`, fourth!)).json()).toMatchObject({ code: 'APPLICATION_LOCKED', message: '申报已办结，只能上传待补齐的容缺材料' });
    expect((await api(t.app, alice, 'DELETE', `/api/applications/${app.id}/attachments/${earlier[0]}`)).json().code).toBe('APPLICATION_LOCKED');
    const withDrive = (await attach(app.id, row14, mine!)).json();
    const body = multipart([{ filename: '容缺材料13.pdf', content: samples.pdf() }]);
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/applications/${app.id}/materials/${row13}/files`, headers: { ...alice.headers, ...body.headers }, payload: body.payload });
    expect(uploaded.statusCode).toBe(200);
    const row = withDrive.materials.find((m: { id: string }) => m.id === row14);
    expect(row.attachments.map((a: { id: string }) => a.id)).toEqual([earlier[0], expect.any(String)]);
    expect(row.attachments[1]).toMatchObject({ name: '容缺材料14.pdf', source: 'drive', requestId: row.requests[0].id });

    const sent = await submitDeferral(app.id);
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: '容缺待确认', deferral: { status: 'submitted', statusLabel: '已补齐（待确认）' } });
    expect(sent.json().events.at(-1).message).toMatch(/^容缺材料已补齐（待确认）：13\. .+；14\. .+$/);
    expect((await inProgress()).find((i) => i.serialNo === app.serialNo)?.status).toBe('容缺待确认');
    expect((await queue('deferral_submitted')).find((i) => i.serialNo === app.serialNo)?.status).toBe('容缺待确认');
    expect((await queue('deferral_owed')).map((i) => i.serialNo)).not.toContain(app.serialNo);
    const twice = await submitDeferral(app.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'DEFERRAL_NOT_OWED', message: '补齐材料已提交，请等待窗口确认' });
    expect((await attach(app.id, row14, second!)).json().code).toBe('APPLICATION_LOCKED');

    // 退回补齐 needs a reason; it opens a new round: the files of the first stay, new ones answer it
    expect((await act(windowStaff, app.id, { action: 'return_deferral' })).statusCode).toBe(400);
    expect((await act(approver, app.id, { action: 'return_deferral', reason: '缺少盖章页' })).json().code).toBe('FORBIDDEN');
    const returned = (await act(windowStaff, app.id, { action: 'return_deferral', reason: '监理合同缺少盖章页' })).json();
    expect(returned).toMatchObject({ status: '容缺待补齐', deferral: { status: 'owed' } });
    const again = returned.materials.find((m: { id: string }) => m.id === row14);
    expect(again.requests.map((r: { reason: string; closedAt: string | null }) => [r.reason, r.closedAt === null])).toEqual([
      ['容缺通过，承诺补齐', false],
      ['监理合同缺少盖章页', true],
    ]);
    expect(again.attachments).toHaveLength(2);
    expect((await sms()).some((m) => m.template === 'application-status' && m.text.includes(`${app.serialNo}）状态已更新为：容缺待补齐`))).toBe(true);
    expect((await submitDeferral(app.id)).json().code).toBe('MATERIALS_MISSING');
    await attach(app.id, row14, second!);
    // 我的材料 goes through the same slot
    const kept = (await api(t.app, alice, 'POST', '/api/my-materials', { kind: 'other', name: '危大工程清单（盖章）', files: [{ fileId: third!.id }] })).json();
    const viaKept = (await api(t.app, alice, 'POST', `/api/my-materials/${kept.id}/attach`, { applicationId: app.id, materialId: row13 })).json();
    expect(viaKept.materials.find((m: { id: string }) => m.id === row13).attachments.at(-1)).toMatchObject({ name: '容缺材料13-第二次.pdf', myMaterial: '危大工程清单（盖章）' });
    expect((await submitDeferral(app.id)).json().status).toBe('容缺待确认');

    const confirmed = await act(windowStaff, app.id, { action: 'confirm_deferral', reason: '原件已核' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ state: 'finished', status: '已办结（容缺通过）', deferral: { status: 'confirmed', statusLabel: '已确认补齐', confirmedAt: expect.any(String) } });
    expect(confirmed.json().materials.find((m: { id: string }) => m.id === row14).attachments).toHaveLength(3);
    expect(confirmed.json().events.map((e: { message: string }) => e.message)).toContain(
      `确认补齐：13. ${owed[0].name}；14. ${owed[1].name}（原件已核）`,
    );
    expect((await inProgress()).map((i) => i.serialNo)).not.toContain(app.serialNo);
    expect((await api(t.app, alice, 'GET', `/api/applications/${app.id}`)).json().status).toBe('已办结（容缺通过）');
    expect((await api(t.app, null, 'GET', `/api/lookup/${app.serialNo}`)).json().status).toBe('已办结（容缺通过）');
    expect((await sms()).some((m) => m.text.includes(`${app.serialNo}）状态已更新为：已办结（容缺通过）`))).toBe(true);

    // closed: nothing more to submit, confirm or attach
    expect((await submitDeferral(app.id)).json()).toMatchObject({ code: 'DEFERRAL_NOT_OWED', message: '容缺材料已确认补齐，不能再提交补齐' });
    expect((await act(windowStaff, app.id, { action: 'confirm_deferral' })).json().code).toBe('DEFERRAL_NOT_OWED');
    expect((await attach(app.id, row14, fourth!)).json().code).toBe('APPLICATION_LOCKED');

    const audit = await t.app.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetId, app.id), like(auditLog.action, '%deferral'))).orderBy(auditLog.seq);
    expect(audit.map((r) => r.action)).toEqual([
      'application.submit_deferral',
      'application.return_deferral',
      'application.submit_deferral',
      'application.confirm_deferral',
    ]);
  });

  it('refuses 提交补齐 on an application that is not 容缺通过, and 确认补齐 on one that owes nothing', async () => {
    const passed = await finished({ outcome: 'pass' });
    const res = await submitDeferral(passed.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DEFERRAL_NOT_OWED', message: '该申报不是容缺通过，没有需要补齐的容缺材料，不能提交补齐' });
    expect((await act(windowStaff, passed.id, { action: 'confirm_deferral' })).json().code).toBe('DEFERRAL_NOT_OWED');
    expect(passed.deferral).toBeNull();
    // another enterprise's application is not there at all
    expect((await api(t.app, bob, 'POST', `/api/applications/${passed.id}/deferral`)).statusCode).toBe(404);
  });

  it('past the 承诺补齐 date and not submitted: 容缺逾期未补齐 in lists and on the page; late material is still taken', async () => {
    const app = await finished({ outcome: 'conditional', deferredMaterialIds: [row14], promisedBy: chinaDay(0) });
    await t.app.db.execute(sql`update material_requests set deadline = now() - interval '1 day' where application_id = ${app.id} and kind = 'deferral'`);
    expect((await inProgress()).find((i) => i.serialNo === app.serialNo)?.status).toBe('容缺逾期未补齐');
    expect((await queue('deferral_owed')).find((i) => i.serialNo === app.serialNo)?.status).toBe('容缺逾期未补齐');
    const page = (await api(t.app, alice, 'GET', `/api/applications/${app.id}`)).json();
    expect(page).toMatchObject({ status: '容缺逾期未补齐', deferral: { status: 'overdue', statusLabel: '逾期未补齐' } });
    expect(page.materials.find((m: { id: string }) => m.id === row14).requests[0].overdue).toBe(true);
    const [late] = await driveFiles(t.app, alice, ['逾期补齐.pdf']);
    await attach(app.id, row14, late!);
    expect((await submitDeferral(app.id)).json().status).toBe('容缺待确认');
  });

  it('migration 0008 gives a 容缺通过 application finished before 容缺补齐 existed its owed rows, due at the end of the 承诺补齐 day', async () => {
    const app = await finished({ outcome: 'conditional', deferredMaterialIds: [row13, row14], promisedBy: chinaDay(5) });
    await t.app.db.execute(sql`delete from material_requests where application_id = ${app.id}`);
    const file = readFileSync(new URL('../src/db/migrations/0008_deferral_confirmation.sql', import.meta.url), 'utf8');
    const backfill = file.split('--> statement-breakpoint').find((s) => s.includes('INSERT INTO'))!;
    await t.app.db.execute(sql.raw(backfill));
    const page = (await api(t.app, alice, 'GET', `/api/applications/${app.id}`)).json();
    expect(page).toMatchObject({ status: '容缺待补齐', deferral: { status: 'owed' } });
    const owed = page.materials.filter((m: { id: string }) => [row13, row14].includes(m.id)).map((m: { requests: { kind: string; deadline: string }[] }) => m.requests);
    expect(owed).toEqual([
      [expect.objectContaining({ kind: 'deferral', deadline: new Date(`${chinaDay(5)}T23:59:59.999+08:00`).toISOString() })],
      [expect.objectContaining({ kind: 'deferral', deadline: new Date(`${chinaDay(5)}T23:59:59.999+08:00`).toISOString() })],
    ]);
  });
});
