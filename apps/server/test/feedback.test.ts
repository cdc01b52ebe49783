// 问题反馈 against a real database: submission with a checked phone number, the unit's own list
// with 待答复 / 已答复, the window's list and answer (once), isolation and the staff session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { api, staffApi, staffLogin, type StaffLogin } from './applications-helpers.ts';

let t: TestApp;
let alice: SignedIn;
let bob: SignedIn;
let windowStaff: StaffLogin;

const ask = (who: SignedIn, fields: Record<string, unknown> = {}) =>
  api(t.app, who, 'POST', '/api/feedback', { type: 'problem', title: '云盘转换失败', content: '上传的 Word 文件转换 PDF 时一直显示转换中。', contactPhone: '13800138000', ...fields });

beforeAll(async () => {
  t = await buildTestApp();
  alice = await signIn(t.app, { unitName: '景德镇市甲建设有限公司' });
  bob = await signIn(t.app, { unitName: '景德镇市乙施工有限公司' });
  windowStaff = await staffLogin(t.app, ['window']);
});
afterAll(() => t.close());

describe('问题反馈', () => {
  it('checks the phone number and the fields', async () => {
    for (const contactPhone of ['0798-8221234', '07988221234', '13912345678', '0798-8221234-801']) {
      expect((await ask(alice, { contactPhone })).statusCode, contactPhone).toBe(201);
    }
    for (const contactPhone of ['12812345678', '1381234567', '138123456789', '8221234', 'abc', '']) {
      const res = await ask(alice, { contactPhone });
      expect(res.statusCode, contactPhone).toBe(400);
      expect(res.json().fields.map((f: { field: string }) => f.field)).toContain('contactPhone');
    }
    for (const bad of [{ type: 'other' }, { title: '' }, { content: '太短' }, { content: '     ' + '   ' }, { title: 'x'.repeat(61) }]) {
      const res = await ask(alice, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await api(t.app, null, 'POST', '/api/feedback', { type: 'problem', title: '标题', content: '内容内容内容', contactPhone: '13800138000' })).statusCode).toBe(401);
  });

  it('待答复 → the window answers → 已答复 with the answer; a second answer is refused', async () => {
    const mine = (await ask(bob, { type: 'consult', title: '施工许可需要哪些材料', content: '请问建筑工程施工许可证核发需要提交哪些材料？' })).json();
    expect(mine).toMatchObject({ status: 'pending', statusLabel: '待答复', typeLabel: '业务咨询', answer: null });

    const queue = (await staffApi(t.app, windowStaff, 'GET', '/api/staff/feedback?status=pending&pageSize=100')).json();
    expect(queue.items.find((f: { id: string }) => f.id === mine.id)).toMatchObject({ unitName: '景德镇市乙施工有限公司', status: 'pending' });

    const answered = await staffApi(t.app, windowStaff, 'POST', `/api/staff/feedback/${mine.id}/answer`, { answer: '请在智能引导中选择施工许可阶段查看材料清单。' });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', statusLabel: '已答复', answeredBy: '窗口受理员' });

    const seen = (await api(t.app, bob, 'GET', `/api/feedback/${mine.id}`)).json();
    expect(seen).toMatchObject({ status: 'answered', statusLabel: '已答复', answer: '请在智能引导中选择施工许可阶段查看材料清单。' });
    expect(seen.answeredAt).toBeTruthy();
    const list = (await api(t.app, bob, 'GET', '/api/feedback')).json();
    expect(list.total).toBe(1);
    expect(list.items[0].statusLabel).toBe('已答复');
    expect((await api(t.app, bob, 'GET', '/api/feedback?status=pending')).json().total).toBe(0);

    const again = await staffApi(t.app, windowStaff, 'POST', `/api/staff/feedback/${mine.id}/answer`, { answer: '第二次答复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('FEEDBACK_ALREADY_ANSWERED');
    expect((await staffApi(t.app, windowStaff, 'POST', `/api/staff/feedback/${mine.id}/answer`, { answer: '' })).statusCode).toBe(400);
    expect((await staffApi(t.app, windowStaff, 'POST', '/api/staff/feedback/00000000-0000-4000-8000-000000000000/answer', { answer: '答复内容' })).statusCode).toBe(404);
  });

  it('isolates units and keeps the staff routes behind the staff session', async () => {
    const aliceOne = (await ask(alice)).json();
    expect((await api(t.app, bob, 'GET', `/api/feedback/${aliceOne.id}`)).statusCode).toBe(404);
    expect((await api(t.app, bob, 'GET', '/api/feedback?pageSize=100')).json().items.some((f: { id: string }) => f.id === aliceOne.id)).toBe(false);
    // an enterprise session is not a staff session
    expect((await api(t.app, alice, 'GET', '/api/staff/feedback')).statusCode).toBe(401);
    expect((await api(t.app, alice, 'POST', `/api/staff/feedback/${aliceOne.id}/answer`, { answer: '自己答复自己' })).statusCode).toBe(401);
    expect((await api(t.app, alice, 'GET', `/api/feedback/${aliceOne.id}`)).json().status).toBe('pending');
  });

  it('pages the unit’s list, newest first', async () => {
    const unit = await signIn(t.app, { unitName: '景德镇市丙设计院' });
    for (const n of [1, 2, 3]) await ask(unit, { title: `问题${n}` });
    const first = (await api(t.app, unit, 'GET', '/api/feedback?page=1&pageSize=2')).json();
    const second = (await api(t.app, unit, 'GET', '/api/feedback?page=2&pageSize=2')).json();
    expect(first.total).toBe(3);
    expect([...first.items, ...second.items].map((f: { title: string }) => f.title)).toEqual(['问题3', '问题2', '问题1']);
  });

  it('the window’s list: newest first, 待答复 / 已答复 filters, each with its unit and, once answered, the answer and its time', async () => {
    const unit = await signIn(t.app, { unitName: '景德镇市丁监理有限公司' });
    const first = (await ask(unit, { title: '窗口问题一' })).json();
    const second = (await ask(unit, { title: '窗口问题二' })).json();
    await staffApi(t.app, windowStaff, 'POST', `/api/staff/feedback/${first.id}/answer`, { answer: '已处理，请重新上传。' });
    const all = (await staffApi(t.app, windowStaff, 'GET', '/api/staff/feedback?pageSize=100')).json();
    const ids = all.items.map((f: { id: string }) => f.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const createdAts = all.items.map((f: { createdAt: string }) => Date.parse(f.createdAt));
    expect([...createdAts].sort((a, b) => b - a)).toEqual(createdAts);
    const pending = (await staffApi(t.app, windowStaff, 'GET', '/api/staff/feedback?status=pending&pageSize=100')).json();
    expect(pending.items.every((f: { status: string }) => f.status === 'pending')).toBe(true);
    expect(pending.items.map((f: { id: string }) => f.id)).toContain(second.id);
    const answered = (await staffApi(t.app, windowStaff, 'GET', '/api/staff/feedback?status=answered&pageSize=100')).json();
    expect(answered.items.find((f: { id: string }) => f.id === first.id)).toMatchObject({
      unitName: '景德镇市丁监理有限公司',
      statusLabel: '已答复',
      answer: '已处理，请重新上传。',
      answeredBy: '窗口受理员',
      answeredAt: expect.any(String),
    });
    expect(answered.items.some((f: { id: string }) => f.id === second.id)).toBe(false);
  });
});
