// The window's handling: staff login (password + TOTP), the queue, the state machine over
// HTTP (办结 before 受理 refused), 补全 and 补正 answered by the enterprise, SMS and home counts;
// 特别程序 (办结 waits for its end), 办结 容缺通过 with its owed materials, 补正期限 and 逾期未补正.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { multipart, samples } from './support/files.ts';
import { api, CONSTRUCTION_PERMIT, driveFiles, fillRequired, newApplication, staffApi, staffLogin, type StaffLogin } from './applications-helpers.ts';
import { sql } from 'drizzle-orm';
import { createStaff } from '../src/staff/staff-accounts.ts';
import { totp } from '../src/staff/totp.ts';

let t: TestApp;
let alice: SignedIn;
let windowStaff: StaffLogin;
let approver: StaffLogin;

beforeAll(async () => {
  t = await buildTestApp({ SMS_OUTBOX_API: 'true' });
  alice = await signIn(t.app, { unitName: '景德镇市甲建设有限公司' });
  windowStaff = await staffLogin(t.app, ['window']);
  approver = await staffLogin(t.app, ['approver']);
});
afterAll(() => t.close());

async function submitted() {
  const draft = await newApplication(t.app, alice);
  await fillRequired(t.app, alice, draft);
  return (await api(t.app, alice, 'POST', `/api/applications/${draft.id}/submit`)).json();
}

const act = (who: StaffLogin, id: string, body: object) => staffApi(t.app, who, 'POST', `/api/staff/applications/${id}/actions`, body);
const home = async () => (await api(t.app, alice, 'GET', '/api/home')).json();

describe('staff login', () => {
  it('needs the password and a fresh one-time code; a code is not accepted twice', async () => {
    const { totpSecret } = await createStaff(t.app.db, { username: 'zhangwin', name: '张窗口', password: 'correct-horse-1', roles: ['window'] });
    const code = totp(totpSecret);
    expect((await api(t.app, null, 'POST', '/api/staff/login', { username: 'zhangwin', password: 'wrong-password', code })).json().code).toBe('STAFF_LOGIN_FAILED');
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect((await api(t.app, null, 'POST', '/api/staff/login', { username: 'zhangwin', password: 'correct-horse-1', code: wrongCode })).statusCode).toBe(401);
    const ok = await api(t.app, null, 'POST', '/api/staff/login', { username: 'zhangwin', password: 'correct-horse-1', code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '张窗口', roles: ['window'] });
    expect((await api(t.app, null, 'POST', '/api/staff/login', { username: 'zhangwin', password: 'correct-horse-1', code })).statusCode).toBe(401);
  });

  it('keeps staff and enterprise sessions apart', async () => {
    expect((await api(t.app, alice, 'GET', '/api/staff/applications')).statusCode).toBe(401);
    expect((await staffApi(t.app, windowStaff, 'GET', '/api/home')).statusCode).toBe(401);
  });
});

describe('window handling', () => {
  it('refuses 办结 before 受理, then 受理 → 补正 → answered → 办结, with home counts and SMS following', async () => {
    const app = await submitted();
    const queue = (await staffApi(t.app, windowStaff, 'GET', '/api/staff/applications?state=submitted')).json();
    expect(queue.items.map((i: { serialNo: string }) => i.serialNo)).toContain(app.serialNo);

    const early = await act(approver, app.id, { action: 'finish', outcome: 'pass' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'STATE_TRANSITION_INVALID', message: '申报当前为「已申报」，不能办结' });
    expect((await act(windowStaff, app.id, { action: 'finish', outcome: 'pass' })).json().code).toBe('FORBIDDEN');

    const accepted = await act(windowStaff, app.id, { action: 'accept' });
    expect(accepted.json()).toMatchObject({ state: 'accepted', status: '已受理' });
    expect((await home()).stats).toMatchObject({ submitted: 1, materialsComplete: 1, materialsCorrection: 0, finished: 0 });

    const row = `${CONSTRUCTION_PERMIT}-12`;
    const correction = await act(windowStaff, app.id, { action: 'request_correction', reason: '施工合同缺少盖章页', materialIds: [row], deadline: '2031-01-10T00:00:00Z' });
    expect(correction.json().status).toBe('补正中');
    expect(correction.json().materials[11].requests[0]).toMatchObject({ kind: 'correction', reason: '施工合同缺少盖章页', closedAt: null });
    const h = await home();
    expect(h.stats.materialsCorrection).toBe(1);
    expect(h.inProgress.items.find((i: { serialNo: string }) => i.serialNo === app.serialNo).status).toBe('补正中');

    // 办结 waits for the 补正; answering without a new file lists what is missing.
    expect((await act(approver, app.id, { action: 'finish', outcome: 'pass' })).json().code).toBe('STATE_TRANSITION_INVALID');
    expect((await api(t.app, alice, 'POST', `/api/applications/${app.id}/answer`)).json().code).toBe('MATERIALS_MISSING');
    // only the asked row is open
    const [other, fixed] = await driveFiles(t.app, alice, ['其他.pdf', '施工合同（补正）.pdf']);
    expect((await api(t.app, alice, 'POST', `/api/applications/${app.id}/materials/${CONSTRUCTION_PERMIT}-01/drive-files`, { files: [{ fileId: other!.id }] })).json().code).toBe('APPLICATION_LOCKED');
    await api(t.app, alice, 'POST', `/api/applications/${app.id}/materials/${row}/drive-files`, { files: [{ fileId: fixed!.id }] });
    const answered = await api(t.app, alice, 'POST', `/api/applications/${app.id}/answer`);
    expect(answered.statusCode).toBe(200);
    expect(answered.json().status).toBe('已受理');
    expect(answered.json().materials[11].attachments.map((a: { name: string }) => a.name)).toContain('施工合同（补正）.pdf');
    expect((await home()).stats.materialsCorrection).toBe(0);

    // the window sees the new file and can read it
    const detail = (await staffApi(t.app, windowStaff, 'GET', `/api/staff/applications/${app.id}`)).json();
    const newFile = detail.materials[11].attachments.find((a: { name: string }) => a.name === '施工合同（补正）.pdf');
    const content = await staffApi(t.app, windowStaff, 'GET', `/api/staff/applications/${app.id}/attachments/${newFile.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // the sealing helper's verifier reads the very version attached: an unsigned PDF has no signatures
    const report = await staffApi(t.app, windowStaff, 'GET', `/api/staff/applications/${app.id}/attachments/${newFile.id}/signatures`);
    expect(report.statusCode).toBe(200);
    expect(report.json().signatures).toEqual([]);
    expect((await api(t.app, alice, 'GET', `/api/staff/applications/${app.id}/attachments/${newFile.id}/signatures`)).statusCode).toBe(401);

    // 办结 with a decision document
    const body = multipart([{ filename: '建筑工程施工许可证.pdf', content: samples.pdf() }]);
    const decision = await t.app.inject({ method: 'POST', url: `/api/staff/applications/${app.id}/decision-files`, headers: { ...approver.headers, ...body.headers }, payload: body.payload });
    expect(decision.statusCode).toBe(201);
    const finished = await act(approver, app.id, { action: 'finish', outcome: 'pass', reason: '准予许可', decisionFileId: decision.json().fileId });
    expect(finished.json()).toMatchObject({ state: 'finished', status: '已办结（通过）', decision: [expect.objectContaining({ name: '建筑工程施工许可证.pdf', source: 'window' })] });
    const after = await home();
    expect(after.stats).toMatchObject({ finished: 1, materialsComplete: 1 });
    expect(after.inProgress.items.map((i: { serialNo: string }) => i.serialNo)).not.toContain(app.serialNo);

    const seen = (await api(t.app, alice, 'GET', `/api/applications/${app.id}`)).json();
    expect(seen.events.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining(['已受理', '材料补正（开始）：施工合同缺少盖章页（12. 中标通知书或直接发包告知书、施工合同、监理合同），补正期限 2031-01-10', '补正结束', '办结（通过）：准予许可']),
    );
    const sms = (await api(t.app, null, 'GET', '/api/dev/sms?phone=13800138000')).json();
    expect(sms.map((m: { text: string }) => m.text).join('\n')).toContain(`申报流水号：${app.serialNo}）状态已更新为：已办结（通过）`);
    const publicity = (await api(t.app, null, 'GET', '/api/publicity')).json();
    expect(publicity.items.map((i: { serialNo: string }) => i.serialNo)).toContain(app.serialNo);
  });

  it('材料补全 before 受理: 待补全 → enterprise answers → 已补全 → 不予受理 closes it', async () => {
    const app = await submitted();
    const asked = await act(windowStaff, app.id, { action: 'request_supplement', reason: '缺少建设资金承诺书', materialIds: [`${CONSTRUCTION_PERMIT}-04`] });
    expect(asked.json()).toMatchObject({ state: 'supplement_required', status: '待补全' });
    expect((await act(windowStaff, app.id, { action: 'accept' })).json().code).toBe('STATE_TRANSITION_INVALID');
    const [file] = await driveFiles(t.app, alice, ['附件八建设资金已经落实承诺书.pdf']);
    await api(t.app, alice, 'POST', `/api/applications/${app.id}/materials/${CONSTRUCTION_PERMIT}-04/drive-files`, { files: [{ fileId: file!.id }] });
    expect((await api(t.app, alice, 'POST', `/api/applications/${app.id}/answer`)).json()).toMatchObject({ state: 'supplemented', status: '已补全' });
    const rejected = await act(windowStaff, app.id, { action: 'reject', reason: '不属于本部门受理范围' });
    expect(rejected.json()).toMatchObject({ state: 'rejected', status: '不予受理', reason: '不属于本部门受理范围' });
    expect((await act(windowStaff, app.id, { action: 'accept' })).statusCode).toBe(409);
    expect((await staffApi(t.app, windowStaff, 'GET', `/api/staff/applications/${(await newApplication(t.app, alice)).id}`)).statusCode).toBe(404);
  });

  it('特别程序 after 受理: 特别程序中 with kind and dates, 办结 refused until it ends, no second one at once', async () => {
    const app = await submitted();
    expect((await act(windowStaff, app.id, { action: 'start_special', kind: 'expert_review', reason: '结构复杂', expectedDays: 15 })).json()).toMatchObject({
      code: 'STATE_TRANSITION_INVALID',
      message: '申报当前为「已申报」，不能开始特别程序',
    });
    await act(windowStaff, app.id, { action: 'accept' });
    expect((await act(windowStaff, app.id, { action: 'end_special', result: '无' })).json()).toMatchObject({ code: 'STATE_TRANSITION_INVALID', message: '没有进行中的特别程序' });
    expect((await act(windowStaff, app.id, { action: 'start_special', kind: 'lottery', reason: '结构复杂', expectedDays: 15 })).statusCode).toBe(400);
    expect((await act(windowStaff, app.id, { action: 'start_special', kind: 'expert_review', reason: '结构复杂', expectedDays: 0 })).statusCode).toBe(400);

    const started = await act(windowStaff, app.id, { action: 'start_special', kind: 'expert_review', reason: '超限高层建筑，需组织专家评审', expectedDays: 15 });
    expect(started.statusCode).toBe(200);
    const view = started.json();
    expect(view).toMatchObject({ state: 'accepted', status: '特别程序中' });
    expect(view.specialProcedures).toEqual([
      expect.objectContaining({ kind: 'expert_review', kindLabel: '专家评审', reason: '超限高层建筑，需组织专家评审', expectedDays: 15, endedAt: null, result: null }),
    ]);
    const sp = view.specialProcedures[0];
    expect(Date.parse(sp.expectedEndAt) - Date.parse(sp.startedAt)).toBe(15 * 86_400_000);

    const seen = (await api(t.app, alice, 'GET', `/api/applications/${app.id}`)).json();
    expect(seen.status).toBe('特别程序中');
    expect(seen.specialProcedures[0].kindLabel).toBe('专家评审');
    expect((await home()).inProgress.items.find((i: { serialNo: string }) => i.serialNo === app.serialNo).status).toBe('特别程序中');
    const special = (await staffApi(t.app, windowStaff, 'GET', '/api/staff/applications?flag=special&pageSize=100')).json();
    expect(special.items.map((i: { serialNo: string }) => i.serialNo)).toEqual([app.serialNo]);

    const refused = await act(approver, app.id, { action: 'finish', outcome: 'pass' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'STATE_TRANSITION_INVALID', message: '特别程序（专家评审）尚未结束，不能办结', blockedBy: 'special_procedure' });
    expect((await act(windowStaff, app.id, { action: 'start_special', kind: 'site_survey', reason: '现场核查', expectedDays: 3 })).json().message).toBe('特别程序（专家评审）尚未结束，不能再开始特别程序');

    const ended = (await act(windowStaff, app.id, { action: 'end_special', result: '专家评审通过' })).json();
    expect(ended.status).toBe('已受理');
    expect(ended.specialProcedures[0]).toMatchObject({ result: '专家评审通过', endedAt: expect.any(String) });
    expect(ended.events.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^特别程序（开始）：专家评审，超限高层建筑，需组织专家评审，预计 15 天（至 \d{4}-\d{2}-\d{2}）$/), '特别程序（结束）：专家评审，专家评审通过']),
    );
    expect((await staffApi(t.app, windowStaff, 'GET', '/api/staff/applications?flag=special&pageSize=100')).json().total).toBe(0);
    const finished = await act(approver, app.id, { action: 'finish', outcome: 'fail', reason: '不符合许可条件' });
    expect(finished.json()).toMatchObject({ state: 'finished', status: '已办结（不通过）', outcome: 'fail', deferral: null });
    const sms = (await api(t.app, null, 'GET', '/api/dev/sms?phone=13800138000')).json();
    expect(sms.find((m: { text: string }) => m.text.includes(`${app.serialNo}）状态已更新为：特别程序中`))).toMatchObject({ template: 'application-status' });
  });

  it('办结 容缺通过 names owed materials of the checklist and a 承诺补齐 date; the enterprise sees 容缺待补齐 and what it owes', async () => {
    const app = await submitted();
    await act(windowStaff, app.id, { action: 'accept' });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const promisedBy = new Date(Date.now() + 30 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const owedRow = `${CONSTRUCTION_PERMIT}-14`;

    const none = await act(approver, app.id, { action: 'finish', outcome: 'conditional', promisedBy });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '容缺通过须选择容缺材料（尚未提交、承诺补齐的材料）' });
    expect((await act(approver, app.id, { action: 'finish', outcome: 'conditional', deferredMaterialIds: ['other-01'], promisedBy })).json().message).toBe('容缺材料须取自该事项的材料清单');
    expect((await act(approver, app.id, { action: 'finish', outcome: 'conditional', deferredMaterialIds: [owedRow] })).json().message).toBe('容缺通过须填写承诺补齐日期');
    expect((await act(approver, app.id, { action: 'finish', outcome: 'conditional', deferredMaterialIds: [owedRow], promisedBy: '2020-01-01' })).json().message).toBe('承诺补齐日期不能早于今天');
    expect((await act(approver, app.id, { action: 'finish', outcome: 'pass', deferredMaterialIds: [owedRow] })).statusCode).toBe(400);
    expect((await staffApi(t.app, windowStaff, 'GET', `/api/staff/applications/${app.id}`)).json().state).toBe('accepted');

    const done = await act(approver, app.id, { action: 'finish', outcome: 'conditional', reason: '准予许可，容缺后补', deferredMaterialIds: [owedRow], promisedBy: today });
    expect(done.statusCode).toBe(200);
    const owedName = done.json().materials[13].name;
    expect(done.json()).toMatchObject({
      state: 'finished',
      status: '容缺待补齐',
      outcome: 'conditional',
      deferral: { materials: [{ id: owedRow, index: 14, name: owedName }], promisedBy: today, status: 'owed', statusLabel: '待补齐', confirmedAt: null },
    });

    const seen = (await api(t.app, alice, 'GET', `/api/applications/${app.id}`)).json();
    expect(seen.deferral.materials.map((m: { name: string }) => m.name)).toEqual([owedName]);
    expect(seen.events.map((e: { message: string }) => e.message)).toContain(`办结（容缺通过）：准予许可，容缺后补；容缺材料：14. ${owedName}，承诺 ${today} 前补齐`);
    // it stays on the 申报中列表 (materials are owed) and counts as 已办结
    const h = await home();
    expect(h.inProgress.items.find((i: { serialNo: string }) => i.serialNo === app.serialNo).status).toBe('容缺待补齐');
    expect((await api(t.app, alice, 'GET', '/api/applications?pageSize=100')).json().items.find((i: { serialNo: string }) => i.serialNo === app.serialNo).status).toBe('容缺待补齐');
    expect((await api(t.app, null, 'GET', `/api/lookup/${app.serialNo}`)).json().status).toBe('容缺待补齐');
    expect((await api(t.app, null, 'GET', '/api/publicity?pageSize=100')).json().items.map((i: { serialNo: string }) => i.serialNo)).toContain(app.serialNo);
  });

  it('补正期限: given or 10 days by default; past it 逾期未补正 in lists, counts and the page; the queue filters and sorts by it; a late answer is still taken', async () => {
    const late = await submitted();
    const soon = await submitted();
    const later = await submitted();
    for (const a of [late, soon, later]) await act(windowStaff, a.id, { action: 'accept' });
    const row = `${CONSTRUCTION_PERMIT}-12`;
    expect((await act(windowStaff, late.id, { action: 'request_correction', reason: '缺少盖章页', materialIds: [row], deadline: '2020-01-01T00:00:00Z' })).json().message).toBe('补正期限须晚于现在');
    const byDefault = (await act(windowStaff, late.id, { action: 'request_correction', reason: '缺少盖章页', materialIds: [row] })).json();
    const deadline = byDefault.materials[11].requests[0].deadline;
    // 10 days on, to the end of that day in China
    const expected = new Date(Date.parse(`${new Date(Date.now() + 10 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10)}T23:59:59.999+08:00`)).toISOString();
    expect(deadline).toBe(expected);
    expect(byDefault.materials[11].requests[0].overdue).toBe(false);
    await act(windowStaff, soon.id, { action: 'request_correction', reason: '缺少盖章页', materialIds: [row], deadline: new Date(Date.now() + 2 * 86_400_000).toISOString() });
    await act(windowStaff, later.id, { action: 'request_correction', reason: '缺少盖章页', materialIds: [row], deadline: new Date(Date.now() + 20 * 86_400_000).toISOString() });

    // time passes for `late`: its deadline is yesterday
    await t.app.db.execute(sql`update material_requests set deadline = now() - interval '1 day' where application_id = ${late.id}`);
    const page = (await api(t.app, alice, 'GET', `/api/applications/${late.id}`)).json();
    expect(page.status).toBe('逾期未补正');
    expect(page.materials[11].requests[0].overdue).toBe(true);
    const h = await home();
    expect(h.inProgress.items.find((i: { serialNo: string }) => i.serialNo === late.serialNo).status).toBe('逾期未补正');
    expect(h.inProgress.items.find((i: { serialNo: string }) => i.serialNo === soon.serialNo).status).toBe('补正中');
    // an overdue 补正 is still a 材料补正
    expect(h.stats.materialsCorrection).toBeGreaterThanOrEqual(3);

    const overdue = (await staffApi(t.app, windowStaff, 'GET', '/api/staff/applications?flag=overdue&pageSize=100')).json();
    expect(overdue.items.map((i: { serialNo: string }) => i.serialNo)).toEqual([late.serialNo]);
    expect(overdue.items[0]).toMatchObject({ status: '逾期未补正', correctionDeadline: expect.any(String) });
    const correcting = (await staffApi(t.app, windowStaff, 'GET', '/api/staff/applications?flag=correcting&sort=deadline&pageSize=100')).json();
    expect(correcting.items.map((i: { serialNo: string }) => i.serialNo).filter((n: string) => [late, soon, later].some((a) => a.serialNo === n))).toEqual([late.serialNo, soon.serialNo, later.serialNo]);
    const deadlines = correcting.items.map((i: { correctionDeadline: string }) => Date.parse(i.correctionDeadline));
    expect([...deadlines].sort((a, b) => a - b)).toEqual(deadlines);

    // the enterprise can still answer after the deadline; the window decides
    const [fixed] = await driveFiles(t.app, alice, ['施工合同（逾期补正）.pdf']);
    await api(t.app, alice, 'POST', `/api/applications/${late.id}/materials/${row}/drive-files`, { files: [{ fileId: fixed!.id }] });
    const answered = await api(t.app, alice, 'POST', `/api/applications/${late.id}/answer`);
    expect(answered.statusCode).toBe(200);
    expect(answered.json().status).toBe('已受理');
    expect((await staffApi(t.app, windowStaff, 'GET', '/api/staff/applications?flag=overdue&pageSize=100')).json().total).toBe(0);
  });
});
