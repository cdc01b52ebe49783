// 事项目录 in the administrator's hands: edits survive a restart's seeding, a 停用 material leaves
// new checklists (and no longer blocks 申报) but stays on applications holding files under it,
// only 'admin' staff may edit, and bad input is refused in Chinese; every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { api, CONSTRUCTION_PERMIT, driveFiles, fillRequired, newApplication, staffApi, staffLogin, type StaffLogin } from './applications-helpers.ts';
import { seedCatalogue } from '../src/catalogue/seed-catalogue.ts';
import { auditLog } from '../src/db/schema.ts';
import type { AdminCatalogue, AdminMatter } from '@hall/shared/schemas/catalogue-admin';

let t: TestApp;
let alice: SignedIn;
let admin: StaffLogin;
let windowStaff: StaffLogin;

beforeAll(async () => {
  t = await buildTestApp();
  alice = await signIn(t.app, { unitName: '景德镇市甲建设有限公司' });
  admin = await staffLogin(t.app, ['admin']);
  windowStaff = await staffLogin(t.app, ['window']);
});
afterAll(() => t.close());

const matterOf = async (matterId: string): Promise<AdminMatter> => {
  const stages = (await staffApi(t.app, admin, 'GET', '/api/staff/catalogue')).json() as AdminCatalogue;
  return stages.flatMap((s) => s.matters).find((m) => m.id === matterId)!;
};
const materialIds = (view: { materials: { id: string }[] }) => view.materials.map((m) => m.id);
const auditActions = async () => (await t.app.db.select().from(auditLog).where(like(auditLog.action, 'catalogue.%'))).map((r) => r.action);

describe('catalogue administration', () => {
  it('lists stages → matters → materials with their 序号, 必要 and 启用 state', async () => {
    const res = await staffApi(t.app, admin, 'GET', '/api/staff/catalogue');
    expect(res.statusCode).toBe(200);
    const stages = res.json() as AdminCatalogue;
    expect(stages.map((s) => s.name).slice(0, 4)).toEqual(['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收']);
    const permit = stages.flatMap((s) => s.matters).find((m) => m.id === CONSTRUCTION_PERMIT)!;
    expect(permit).toMatchObject({ name: '建筑工程施工许可证核发', department: '景德镇市住房和城乡建设局', timeLimitDays: 3 });
    expect(permit.materials).toHaveLength(15);
    expect(permit.materials[1]).toMatchObject({ index: 2, name: '建设工程消防设计审查申请表', required: true, active: true });
  });

  it('keeps an edited name, an added material and an edited matter when the seed runs again (a restart)', async () => {
    const renamed = await staffApi(t.app, admin, 'PATCH', `/api/staff/catalogue/materials/${CONSTRUCTION_PERMIT}-04`, { name: '建设资金已经落实承诺书（加盖建设单位公章）', notes: '  按承诺制办理的提供 ' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().materials[3]).toMatchObject({ index: 4, name: '建设资金已经落实承诺书（加盖建设单位公章）', notes: '按承诺制办理的提供', required: false });

    const added = await staffApi(t.app, admin, 'POST', `/api/staff/catalogue/matters/${CONSTRUCTION_PERMIT}/materials`, { name: '工程质量安全监督登记表', required: true, notes: '', index: 3 });
    expect(added.statusCode).toBe(201);
    const after = added.json() as AdminMatter;
    expect(after.materials).toHaveLength(16);
    // put at 序号 3: the rows after it moved down, numbering stays 1…n
    expect(after.materials[2]).toMatchObject({ index: 3, name: '工程质量安全监督登记表', required: true, active: true });
    expect(after.materials.map((m) => m.index)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(after.materials[3]!.id).toBe(`${CONSTRUCTION_PERMIT}-03`);

    const matter = await staffApi(t.app, admin, 'PATCH', `/api/staff/catalogue/matters/${CONSTRUCTION_PERMIT}`, { timeLimitDays: 5, department: '景德镇市住房和城乡建设局（行政审批窗口）' });
    expect(matter.json()).toMatchObject({ name: '建筑工程施工许可证核发', timeLimitDays: 5, department: '景德镇市住房和城乡建设局（行政审批窗口）' });

    // moving a row back: 序号 16 is the end
    const moved = (await staffApi(t.app, admin, 'PATCH', `/api/staff/catalogue/materials/${after.materials[2]!.id}`, { index: 99 })).json() as AdminMatter;
    expect(moved.materials[15]).toMatchObject({ index: 16, name: '工程质量安全监督登记表' });
    expect(moved.materials[2]).toMatchObject({ index: 3, id: `${CONSTRUCTION_PERMIT}-03` });

    await seedCatalogue(t.app.db);
    const reseeded = await matterOf(CONSTRUCTION_PERMIT);
    expect(reseeded).toEqual(moved);
    expect(reseeded.materials[3]!.name).toBe('建设资金已经落实承诺书（加盖建设单位公章）');
    expect(reseeded).toMatchObject({ timeLimitDays: 5, department: '景德镇市住房和城乡建设局（行政审批窗口）' });

    // the hall shows the edits: 办事指南 and a new application's checklist
    const guide = (await api(t.app, alice, 'GET', `/api/catalogue/matters/${CONSTRUCTION_PERMIT}/materials`)).json();
    expect(guide).toHaveLength(16);
    expect(guide[3]).toMatchObject({ index: 4, name: '建设资金已经落实承诺书（加盖建设单位公章）' });
    expect((await newApplication(t.app, alice)).materials[15]).toMatchObject({ name: '工程质量安全监督登记表', required: true });

    expect(await auditActions()).toEqual(expect.arrayContaining(['catalogue.material_updated', 'catalogue.material_added', 'catalogue.matter_updated']));
  });

  it('停用: a required material leaves new checklists and 智能引导 and blocks no 申报; an application holding files under it still lists it', async () => {
    const row = `${CONSTRUCTION_PERMIT}-02`; // 建设工程消防设计审查申请表, required
    const holding = await newApplication(t.app, alice);
    const [file] = await driveFiles(t.app, alice, ['消防设计审查申请表.pdf']);
    expect((await api(t.app, alice, 'POST', `/api/applications/${holding.id}/materials/${row}/drive-files`, { files: [{ fileId: file!.id, version: 1 }] })).statusCode).toBe(200);
    const untouched = await newApplication(t.app, alice);

    const disabled = await staffApi(t.app, admin, 'POST', `/api/staff/catalogue/materials/${row}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect((disabled.json() as AdminMatter).materials.find((m) => m.id === row)).toMatchObject({ active: false, required: true });

    // a new application: not in its checklist, not asked for, refused as a slot, not in 办事指南 nor 智能引导
    const fresh = await newApplication(t.app, alice);
    expect(materialIds(fresh)).not.toContain(row);
    const slot = await api(t.app, alice, 'POST', `/api/applications/${fresh.id}/materials/${row}/drive-files`, { files: [{ fileId: file!.id, version: 1 }] });
    expect(slot.json()).toMatchObject({ code: 'NOT_FOUND', message: '该材料已停用，无需提交' });
    expect((await api(t.app, alice, 'GET', `/api/catalogue/matters/${CONSTRUCTION_PERMIT}/materials`)).json().map((m: { id: string }) => m.id)).not.toContain(row);
    const guided = (await api(t.app, alice, 'POST', '/api/guide/answers', { projectType: 'housing', stageId: 'sgxk', investmentWan: 500, areaM2: 2000, flags: [] })).json();
    const permit = guided.matters.find((m: { id: string }) => m.id === CONSTRUCTION_PERMIT);
    expect(permit.materials.length).toBeGreaterThan(0);
    expect(permit.materials.map((m: { id: string }) => m.id)).not.toContain(row);

    await fillRequired(t.app, alice, fresh);
    const submitted = await api(t.app, alice, 'POST', `/api/applications/${fresh.id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().serialNo).toMatch(/^\d{12}$/);

    // an earlier draft with nothing under it no longer lists it either
    expect(materialIds((await api(t.app, alice, 'GET', `/api/applications/${untouched.id}`)).json())).not.toContain(row);

    // the application that attached a file under it keeps the row with its file, submitted and at the window
    const held = (await api(t.app, alice, 'GET', `/api/applications/${holding.id}`)).json();
    // kept for what it holds, no longer marked * (必要)
    expect(held.materials.find((m: { id: string }) => m.id === row)).toMatchObject({ index: 2, name: '建设工程消防设计审查申请表', required: false, attachments: [{ fileId: file!.id }] });
    await fillRequired(t.app, alice, held);
    const sent = (await api(t.app, alice, 'POST', `/api/applications/${holding.id}/submit`)).json();
    const atWindow = (await staffApi(t.app, windowStaff, 'GET', `/api/staff/applications/${sent.id}`)).json();
    expect(atWindow.materials.find((m: { id: string }) => m.id === row).attachments).toHaveLength(1);

    const enabled = await staffApi(t.app, admin, 'POST', `/api/staff/catalogue/materials/${row}/enable`);
    expect((enabled.json() as AdminMatter).materials.find((m) => m.id === row)!.active).toBe(true);
    expect(materialIds((await api(t.app, alice, 'GET', `/api/applications/${untouched.id}`)).json())).toContain(row);
    expect(await auditActions()).toEqual(expect.arrayContaining(['catalogue.material_disabled', 'catalogue.material_enabled']));
  });

  it('is for admins only: window staff get 403 FORBIDDEN, enterprises and strangers 401', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/staff/catalogue', undefined],
      ['PATCH', `/api/staff/catalogue/materials/${CONSTRUCTION_PERMIT}-01`, { name: '改名' }],
      ['POST', `/api/staff/catalogue/matters/${CONSTRUCTION_PERMIT}/materials`, { name: '新材料', required: false }],
      ['POST', `/api/staff/catalogue/materials/${CONSTRUCTION_PERMIT}-01/disable`, undefined],
    ] as const) {
      const res = await staffApi(t.app, windowStaff, method, url, body);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: '需要事项目录管理员权限' });
      expect((await api(t.app, alice, method, url, body)).statusCode).toBe(401);
    }
    expect((await matterOf(CONSTRUCTION_PERMIT)).materials[0]).toMatchObject({ active: true });
    expect((await matterOf(CONSTRUCTION_PERMIT)).materials[0]!.name).not.toBe('改名');
  });

  it('refuses an empty name, bad numbers and unknown rows, in Chinese', async () => {
    const empty = await staffApi(t.app, admin, 'POST', `/api/staff/catalogue/matters/${CONSTRUCTION_PERMIT}/materials`, { name: '', required: true });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'name', message: '不能为空' }] });
    const blank = await staffApi(t.app, admin, 'PATCH', `/api/staff/catalogue/materials/${CONSTRUCTION_PERMIT}-01`, { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '材料名称不能为空', fields: [{ field: 'name', message: '材料名称不能为空' }] });
    const matter = await staffApi(t.app, admin, 'PATCH', `/api/staff/catalogue/matters/${CONSTRUCTION_PERMIT}`, { name: ' ' });
    expect(matter.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '事项名称不能为空' });
    expect((await staffApi(t.app, admin, 'PATCH', `/api/staff/catalogue/matters/${CONSTRUCTION_PERMIT}`, { timeLimitDays: 0 })).json().code).toBe('VALIDATION_FAILED');
    expect((await staffApi(t.app, admin, 'PATCH', `/api/staff/catalogue/materials/${CONSTRUCTION_PERMIT}-01`, {})).json().code).toBe('VALIDATION_FAILED');
    expect((await staffApi(t.app, admin, 'PATCH', `/api/staff/catalogue/materials/${CONSTRUCTION_PERMIT}-01`, { index: 0 })).json().code).toBe('VALIDATION_FAILED');
    expect((await staffApi(t.app, admin, 'PATCH', '/api/staff/catalogue/materials/no-such-row', { name: '某材料' })).json()).toMatchObject({ code: 'NOT_FOUND', message: '材料不存在' });
    expect((await staffApi(t.app, admin, 'POST', '/api/staff/catalogue/matters/no-such-matter/materials', { name: '某材料', required: false })).json()).toMatchObject({ code: 'NOT_FOUND', message: '事项不存在' });
    expect((await matterOf(CONSTRUCTION_PERMIT)).materials[0]!.name).toContain('特殊消防设计文件');
  });
});
