// 事项目录 in the staff console, as the catalogue administrator: the stages and matters, the
// construction permit's 材料清单 (序号, 材料名称, 必要, 情形说明, 状态, 操作); a material renamed, one
// added, a required one 停用 — a new application no longer lists it. (That edits outlive a
// restart's seeding is the db test's: apps/server/test/catalogue-admin.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enterpriseApi, seedStaff, staffLogIn } from '../support/api.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startHall, type Hall } from '../support/hall.ts';
import { DEMO_UNIT, seedSignedInUnit, type SeededUnit } from '../support/session.ts';

let hall: Hall;
let browser: Browser;
let staff: Page;
let unit: SeededUnit;
let adminSecret: string;

/** The enterprise's API from node, with its seeded session. */
const call = enterpriseApi(() => hall.url, () => unit.token);

beforeAll(async () => {
  hall = await startHall({
    seed: async (dir) => {
      unit = await seedSignedInUnit(dir);
      adminSecret = await seedStaff(dir, { username: 'mulu', name: '目录管理员', password: 'admin-pass-123', roles: ['admin'] });
    },
  });
  browser = await launchBrowser();
  staff = await browser.newPage();
  await staffLogIn(staff, hall.url, { username: 'mulu', password: 'admin-pass-123', totpSecret: adminSecret });
  await staff.getByRole('menuitem', { name: '事项目录' }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

const rowOf = (name: string | RegExp) => staff.getByRole('row', { name });

describe('事项目录', () => {
  it('renames, adds and 停用s materials of 建筑工程施工许可证核发; a new application follows the edits', async () => {
    await staff.getByRole('menuitem', { name: '事项目录' }).click();
    await staff.waitForURL(/\/staff\/catalogue$/);
    for (const stage of ['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收']) await staff.getByRole('tree').getByText(stage, { exact: true }).waitFor();
    await staff.getByRole('tree').getByText('建筑工程施工许可证核发').click();
    const table = staff.locator('.ant-table');
    await table.getByRole('row').nth(15).waitFor();
    for (const header of ['序号', '材料名称', '必要', '情形说明', '状态', '操作']) await table.getByRole('columnheader', { name: header, exact: true }).waitFor();
    await screenshot(staff, 'catalogue-admin-permit');

    // 编辑: row 4 gets a new name and a 情形说明
    await rowOf(/^4\s*建设资金已经落实承诺书/).getByRole('button', { name: '编辑' }).click();
    let dialog = staff.getByRole('dialog');
    await dialog.getByLabel('材料名称').fill('建设资金已经落实承诺书（加盖建设单位公章）');
    await dialog.getByLabel('情形说明').fill('按告知承诺制办理的提供');
    await screenshot(staff, 'catalogue-admin-edit');
    await dialog.getByRole('button', { name: '保存' }).click();
    await rowOf(/建设资金已经落实承诺书（加盖建设单位公章）/).getByText('按告知承诺制办理的提供').waitFor();

    // 新增材料: required, at the end (序号 16)
    await staff.getByRole('button', { name: '新增材料' }).click();
    dialog = staff.getByRole('dialog');
    await dialog.getByLabel('材料名称').fill('工程质量安全监督登记表');
    await dialog.getByRole('button', { name: '保存' }).click();
    await rowOf(/^16\s*工程质量安全监督登记表\s*\*/).waitFor();

    // 停用 row 2 (required): asked first, then 停用 in its 状态 and 启用 offered
    const second = rowOf(/^2\s*建设工程消防设计审查申请表/);
    await second.getByRole('button', { name: '停用' }).click();
    await staff.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await second.getByRole('button', { name: '启用' }).waitFor();
    expect(await second.innerText()).toContain('停用');
    await screenshot(staff, 'catalogue-admin-disabled');

    const project = await call('POST', '/api/projects', { name: '景德镇陶瓷文化创意园三期', constructionUnit: DEMO_UNIT.unitName, regionCode: '360203' });
    const draft = await call('POST', '/api/applications', { projectId: project.id, matterId: 'jzgcsgxk', form: {} });
    const names: string[] = draft.materials.map((m: { name: string }) => m.name);
    expect(names).not.toContain('建设工程消防设计审查申请表');
    expect(names).toContain('建设资金已经落实承诺书（加盖建设单位公章）');
    expect(draft.materials.at(-1)).toMatchObject({ name: '工程质量安全监督登记表', required: true });
  });
});
