// The window's handling: staff login (password + TOTP), the queue, the state machine over
// HTTP (办结 before 受理 refused), 补全 and 补正 answered by the enterprise, SMS and home counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { multipart, samples } from './support/files.ts';
import { api, CONSTRUCTION_PERMIT, driveFiles, fillRequired, newApplication, staffApi, staffLogin, type StaffLogin } from './applications-helpers.ts';
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
});
