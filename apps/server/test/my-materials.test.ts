// 我的材料 against a real database: CRUD with the unit's own drive files, 即将过期 / 已过期,
// validation, isolation between units, and attaching a material's files to an application.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { api, driveFiles, newApplication } from './applications-helpers.ts';
import { addDays, chinaDate } from '../src/my-materials/expiry.ts';

let t: TestApp;
let alice: SignedIn;
let bob: SignedIn;
let aliceFiles: { id: string; version: number; name: string }[];
let bobFiles: { id: string; version: number; name: string }[];
const today = chinaDate();

const material = (fields: Record<string, unknown> = {}) => ({
  kind: 'business-license',
  name: '营业执照',
  number: '91360200MA35XXXX1A',
  issuer: '景德镇市市场监督管理局',
  validFrom: '2020-01-01',
  validTo: null,
  files: [],
  ...fields,
});

beforeAll(async () => {
  t = await buildTestApp();
  alice = await signIn(t.app, { unitName: '景德镇市甲建设有限公司' });
  bob = await signIn(t.app, { unitName: '景德镇市乙施工有限公司' });
  aliceFiles = await driveFiles(t.app, alice, ['营业执照.pdf', '资质证书.pdf', '安全生产许可证.pdf']);
  bobFiles = await driveFiles(t.app, bob, ['乙营业执照.pdf']);
});
afterAll(() => t.close());

describe('我的材料', () => {
  it('keeps a material with its files and lists warnings: 已过期, 即将过期, 有效, 长期有效', async () => {
    const created = await api(t.app, alice, 'POST', '/api/my-materials', material({ files: [{ fileId: aliceFiles[0]!.id }] }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kindLabel: '营业执照', expiry: 'permanent', expiryLabel: '长期有效', daysLeft: null, files: [{ fileId: aliceFiles[0]!.id, version: 1, name: '营业执照.pdf', deleted: false }] });

    const mk = async (name: string, kind: string, validTo: string) =>
      (await api(t.app, alice, 'POST', '/api/my-materials', material({ name, kind, validFrom: '2021-01-01', validTo, files: [{ fileId: aliceFiles[1]!.id, version: 1 }] }))).json();
    const expired = await mk('建筑业企业资质证书', 'qualification', addDays(today, -1));
    const expiring = await mk('安全生产许可证', 'safety-permit', addDays(today, 30));
    const valid = await mk('一级建造师注册证书', 'personnel', addDays(today, 31));
    expect([expired.expiry, expiring.expiry, valid.expiry]).toEqual(['expired', 'expiring', 'valid']);
    expect([expired.expiryLabel, expiring.expiryLabel, expired.daysLeft, expiring.daysLeft]).toEqual(['已过期', '即将过期', -1, 30]);

    const list = (await api(t.app, alice, 'GET', '/api/my-materials')).json();
    expect(list.counts).toEqual({ total: 4, expiring: 1, expired: 1 });
    // soonest end first, 长期有效 last
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(['建筑业企业资质证书', '安全生产许可证', '一级建造师注册证书', '营业执照']);
  });

  it('updates fields and replaces the files; delete removes it from the list', async () => {
    const { id } = (await api(t.app, alice, 'POST', '/api/my-materials', material({ name: '旧名称', files: [{ fileId: aliceFiles[0]!.id }] }))).json();
    const updated = await api(t.app, alice, 'PUT', `/api/my-materials/${id}`, material({ name: '营业执照（副本）', kind: 'other', validTo: addDays(today, 5), files: [{ fileId: aliceFiles[2]!.id }, { fileId: aliceFiles[1]!.id }] }));
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: '营业执照（副本）', kindLabel: '其他', expiry: 'expiring', daysLeft: 5 });
    expect(updated.json().files.map((f: { name: string }) => f.name)).toEqual(['安全生产许可证.pdf', '资质证书.pdf']);
    expect((await api(t.app, alice, 'GET', `/api/my-materials/${id}`)).json().name).toBe('营业执照（副本）');

    expect((await api(t.app, alice, 'DELETE', `/api/my-materials/${id}`)).json()).toEqual({ ok: true });
    expect((await api(t.app, alice, 'GET', `/api/my-materials/${id}`)).statusCode).toBe(404);
    expect((await api(t.app, alice, 'GET', '/api/my-materials')).json().items.some((i: { id: string }) => i.id === id)).toBe(false);
    expect((await api(t.app, alice, 'DELETE', `/api/my-materials/${id}`)).statusCode).toBe(404);
  });

  it('refuses bad input with the field at fault', async () => {
    const backwards = await api(t.app, alice, 'POST', '/api/my-materials', material({ validFrom: '2026-01-01', validTo: '2025-12-31' }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'validTo', message: '有效期止不能早于有效期起' }] });
    for (const bad of [{ kind: 'passport' }, { validTo: '2026-13-01' }, { name: '' }, { name: '   ' }, { files: [{ fileId: 'not-a-uuid' }] }]) {
      const res = await api(t.app, alice, 'POST', '/api/my-materials', material(bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const noVersion = await api(t.app, alice, 'POST', '/api/my-materials', material({ files: [{ fileId: aliceFiles[0]!.id, version: 9 }] }));
    expect(noVersion.statusCode).toBe(404);
    expect((await api(t.app, null, 'GET', '/api/my-materials')).statusCode).toBe(401);
  });

  it('isolates units: another unit’s material or file is 404, its list is its own', async () => {
    const { id } = (await api(t.app, alice, 'POST', '/api/my-materials', material({ files: [{ fileId: aliceFiles[0]!.id }] }))).json();
    expect((await api(t.app, bob, 'GET', `/api/my-materials/${id}`)).statusCode).toBe(404);
    expect((await api(t.app, bob, 'PUT', `/api/my-materials/${id}`, material())).statusCode).toBe(404);
    expect((await api(t.app, bob, 'DELETE', `/api/my-materials/${id}`)).statusCode).toBe(404);
    expect((await api(t.app, bob, 'GET', '/api/my-materials')).json()).toEqual({ items: [], counts: { total: 0, expiring: 0, expired: 0 } });

    // Alice cannot attach Bob's drive file to her material, on create or on update.
    const foreign = await api(t.app, alice, 'POST', '/api/my-materials', material({ files: [{ fileId: bobFiles[0]!.id }] }));
    expect(foreign.statusCode).toBe(404);
    expect((await api(t.app, alice, 'PUT', `/api/my-materials/${id}`, material({ files: [{ fileId: bobFiles[0]!.id }] }))).statusCode).toBe(404);
    // and the refused update changed nothing
    expect((await api(t.app, alice, 'GET', `/api/my-materials/${id}`)).json().files.map((f: { fileId: string }) => f.fileId)).toEqual([aliceFiles[0]!.id]);
  });

  it('attaches a material’s files to an application row; foreign ids and expired materials are refused', async () => {
    const draft = await newApplication(t.app, alice);
    const row = draft.materials.find((m: { name: string }) => m.name.startsWith('中标通知书'));
    const { id } = (await api(t.app, alice, 'POST', '/api/my-materials', material({ name: '中标通知书', kind: 'other', files: [{ fileId: aliceFiles[1]!.id }, { fileId: aliceFiles[2]!.id }] }))).json();

    const attached = await api(t.app, alice, 'POST', `/api/my-materials/${id}/attach`, { applicationId: draft.id, materialId: row.id });
    expect(attached.statusCode).toBe(200);
    const names = attached.json().materials.find((m: { id: string }) => m.id === row.id).attachments.map((a: { name: string }) => a.name);
    expect(names).toEqual(['资质证书.pdf', '安全生产许可证.pdf']);

    const bobDraft = await newApplication(t.app, bob);
    expect((await api(t.app, alice, 'POST', `/api/my-materials/${id}/attach`, { applicationId: bobDraft.id, materialId: row.id })).statusCode).toBe(404);
    expect((await api(t.app, bob, 'POST', `/api/my-materials/${id}/attach`, { applicationId: bobDraft.id, materialId: row.id })).statusCode).toBe(404);

    const old = (await api(t.app, alice, 'POST', '/api/my-materials', material({ validTo: addDays(today, -10), files: [{ fileId: aliceFiles[0]!.id }] }))).json();
    const refused = await api(t.app, alice, 'POST', `/api/my-materials/${old.id}/attach`, { applicationId: draft.id, materialId: row.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('已过期');
  });
});
