// The window staff console in Chromium: 问题反馈 sent by an enterprise, answered at /staff/feedback
// and read back on the enterprise's 问题反馈 page; on an application the window 受理, starts a
// 特别程序 (办结 refused while it runs, the enterprise sees 特别程序中), ends it, and finishes with
// 容缺通过 naming one owed material (容缺待补齐 on the home list); the enterprise attaches it from
// 我的云盘 and submits 补齐 (容缺待确认), the window finds it under 容缺待确认 and confirms: the
// application leaves the home list and reads 已办结（容缺通过）.
// The enterprise session is seeded (support/session.ts); the staff log in with password + 动态口令.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enterpriseApi, seedStaff, staffLogIn } from '../support/api.ts';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { pdfBytes } from '../support/files.ts';
import { startHall, type Hall } from '../support/hall.ts';
import { DEMO_UNIT, seedSignedInUnit, signInBrowser, type SeededUnit } from '../support/session.ts';

let hall: Hall;
let browser: Browser;
let page: Page;
let staff: Page;
let unit: SeededUnit;
let staffSecret: string;

/** The enterprise's API from node, with its seeded session. */
const call = enterpriseApi(() => hall.url, () => unit.token);

/** A construction-permit application with every required row filled, submitted: its 申报流水号. */
async function submittedApplication(): Promise<{ id: string; serialNo: string }> {
  const project = await call('POST', '/api/projects', { name: '景德镇陶瓷文化创意园二期', constructionUnit: DEMO_UNIT.unitName, regionCode: '360203' });
  const draft = await call('POST', '/api/applications', { projectId: project.id, matterId: 'jzgcsgxk', form: { contactName: '李四', contactPhone: '13800138000' } });
  const required: { id: string; name: string }[] = draft.materials.filter((m: { required: boolean }) => m.required);
  const folder = await call('POST', '/api/drive/folders', { name: '施工许可材料', code: 'SGXK2' });
  const form = new FormData();
  for (const m of required) form.append('file', new Blob([pdfBytes(m.id)], { type: 'application/pdf' }), `${m.id}.pdf`);
  const files: { id: string; name: string }[] = await call('POST', `/api/drive/folders/${folder.id}/files`, form);
  for (const m of required) await call('POST', `/api/applications/${draft.id}/materials/${m.id}/drive-files`, { files: [{ fileId: files.find((f) => f.name === `${m.id}.pdf`)!.id }] });
  const submitted = await call('POST', `/api/applications/${draft.id}/submit`);
  return { id: draft.id, serialNo: submitted.serialNo };
}

beforeAll(async () => {
  hall = await startHall({
    seed: async (dir) => {
      unit = await seedSignedInUnit(dir);
      staffSecret = await seedStaff(dir, { username: 'chuangkou', name: '窗口受理员', password: 'window-pass-123', roles: ['window', 'approver'] });
    },
  });
  browser = await launchBrowser();
  await signInBrowser(browser.context, hall.url, unit.token);
  page = await browser.newPage();
  staff = await browser.newPage();
  await staffLogIn(staff, hall.url, { username: 'chuangkou', password: 'window-pass-123', totpSecret: staffSecret });
  await staff.getByText('申报队列').first().waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

describe('窗口人员工作台', () => {
  it('问题反馈: the enterprise asks, the window answers in the console, the enterprise reads the answer and its time', async () => {
    await page.goto(`${hall.url}/feedback`);
    const form = page.getByTestId('feedback-form');
    await form.getByLabel('标题').fill('施工许可容缺材料咨询');
    await form.getByLabel('问题描述').fill('请问施工许可哪些材料可以容缺后补？');
    await form.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('feedback-list').getByRole('cell', { name: '施工许可容缺材料咨询' }).waitFor();

    await staff.getByRole('menuitem', { name: '问题反馈' }).click();
    await staff.waitForURL(/\/staff\/feedback$/);
    const row = staff.getByRole('row', { name: /施工许可容缺材料咨询/ });
    await row.getByText('待答复').waitFor();
    expect(await row.innerText()).toContain(DEMO_UNIT.unitName);
    await row.getByRole('button', { name: '答复' }).click();
    const drawer = staff.getByRole('dialog');
    await drawer.getByText('请问施工许可哪些材料可以容缺后补？').waitFor();
    await drawer.getByLabel('答复').fill('消防设计审查意见等非要件材料可以容缺，须书面承诺补齐日期。');
    await drawer.getByRole('button', { name: '保存答复' }).click();
    await drawer.getByText('答复时间').waitFor();
    await screenshot(staff, 'staff-feedback-answered');
    await staff.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    // the 待答复 filter no longer lists it; 已答复 does
    await row.waitFor({ state: 'detached' });
    await staff.getByText('已答复', { exact: true }).click();
    await staff.getByRole('row', { name: /施工许可容缺材料咨询/ }).getByText('已答复').waitFor();
    await screenshot(staff, 'staff-feedback-list');

    await page.reload();
    const mine = page.getByTestId('feedback-list').getByRole('row', { name: /施工许可容缺材料咨询/ });
    await mine.getByText('已答复').waitFor();
    await mine.locator('.ant-table-row-expand-icon').click();
    await page.getByText('消防设计审查意见等非要件材料可以容缺，须书面承诺补齐日期。').waitFor();
    expect(await page.getByTestId('feedback-list').innerText()).toMatch(/答复时间\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（窗口受理员）/);
  });

  it('特别程序 on an accepted application, then 办结 容缺通过 naming one material; 容缺补齐 from the drive, 确认补齐: 已办结（容缺通过）, off the home list', async () => {
    const app = await submittedApplication();
    await staff.getByRole('menuitem', { name: '申报队列' }).click();
    await staff.getByRole('row', { name: new RegExp(app.serialNo) }).getByRole('button', { name: '办理' }).click();
    await staff.getByRole('button', { name: '受理', exact: true }).click();
    await staff.getByTestId('staff-status').filter({ hasText: '已受理' }).waitFor();

    await staff.getByRole('button', { name: '特别程序', exact: true }).click();
    let dialog = staff.getByRole('dialog');
    await dialog.getByLabel('程序类型').click();
    await staff.locator('.ant-select-item-option').filter({ hasText: '现场勘察' }).click();
    await dialog.getByLabel('预计天数').fill('5');
    await dialog.getByLabel('事由').fill('需现场核实施工现场是否具备开工条件');
    await screenshot(staff, 'staff-special-dialog');
    await dialog.getByRole('button', { name: '确定' }).click();
    await staff.getByTestId('staff-status').filter({ hasText: '特别程序中' }).waitFor();
    await staff.getByRole('cell', { name: '需现场核实施工现场是否具备开工条件' }).waitFor();

    // the enterprise sees it with its kind and dates
    await page.goto(`${hall.url}/space/applications/${app.id}`);
    await page.getByTestId('application-status').filter({ hasText: '特别程序中' }).waitFor();
    expect(await page.getByTestId('special-procedure').innerText()).toMatch(/特别程序中：现场勘察[\s\S]*开始 \d{4}-\d{2}-\d{2}，预计 5 天（至 \d{4}-\d{2}-\d{2}）/);

    // 办结 is refused while it runs
    await staff.getByRole('button', { name: '办结', exact: true }).click();
    dialog = staff.getByRole('dialog');
    await dialog.getByRole('button', { name: '确定' }).click();
    await staff.getByText('特别程序（现场勘察）尚未结束，不能办结').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await staff.getByRole('button', { name: '结束特别程序' }).click();
    dialog = staff.getByRole('dialog');
    await dialog.getByLabel('结果').fill('现场具备开工条件');
    await dialog.getByRole('button', { name: '确定' }).click();
    await staff.getByTestId('staff-status').filter({ hasText: '已受理' }).waitFor();

    await staff.getByRole('button', { name: '办结', exact: true }).click();
    dialog = staff.getByRole('dialog');
    await dialog.getByRole('radio', { name: '容缺通过' }).check();
    await dialog.getByRole('checkbox', { name: /^14\. / }).check();
    const promisedBy = await dialog.getByLabel('承诺补齐日期').evaluate(() => {
      const d = new Date(Date.now() + 30 * 86_400_000 + 8 * 3600_000);
      return d.toISOString().slice(0, 10);
    });
    await dialog.getByLabel('承诺补齐日期').fill(promisedBy);
    await dialog.getByLabel('承诺补齐日期').press('Enter');
    await dialog.getByLabel('办结意见').fill('准予许可，容缺材料限期补齐');
    await screenshot(staff, 'staff-finish-conditional-dialog');
    await dialog.getByRole('button', { name: '确定' }).click();
    await staff.getByTestId('staff-status').filter({ hasText: '容缺待补齐' }).waitFor();
    expect(await staff.getByTestId('staff-deferral').innerText()).toContain(`（承诺 ${promisedBy} 前补齐）`);
    // nothing to confirm before the enterprise submitted
    expect(await staff.getByRole('button', { name: '确认补齐' }).count()).toBe(0);
    await screenshot(staff, 'staff-finished-conditional');
    await staff.getByRole('button', { name: '返回' }).click();
    await staff.getByRole('combobox', { name: '状态' }).click();
    await staff.getByTitle('已办结').click();
    await staff.getByRole('row', { name: new RegExp(app.serialNo) }).getByText('容缺待补齐').waitFor();
    await screenshot(staff, 'staff-queue');

    await page.goto(`${hall.url}/space/home`);
    const homeRow = page.getByRole('row', { name: new RegExp(app.serialNo) });
    await homeRow.getByText('容缺待补齐').waitFor();
    await screenshot(page, 'staff-home-conditional');
    await page.goto(`${hall.url}/space/applications/${app.id}`);
    const deferral = page.getByTestId('deferral');
    await deferral.waitFor();
    expect(await deferral.innerText()).toMatch(new RegExp(`容缺通过：请于 ${promisedBy} 前补齐以下容缺材料[\\s\\S]*14\\. .+待补齐`));
    await screenshot(page, 'staff-application-conditional');

    // 容缺补齐: the owed row takes a file from 我的云盘 (the other rows stay closed), then 提交补齐
    const folder = await call('POST', '/api/drive/folders', { name: '容缺补齐材料', code: 'RQBQ' });
    const form = new FormData();
    form.append('file', new Blob([pdfBytes('owed-14')], { type: 'application/pdf' }), '容缺补齐-14.pdf');
    const [owedFile] = await call('POST', `/api/drive/folders/${folder.id}/files`, form);
    await call('POST', '/api/my-materials', { kind: 'other', name: '施工组织设计（盖章）', files: [{ fileId: owedFile.id }] });
    const materialRow = (index: number) => page.locator('tbody tr.ant-table-row').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${index}$`) }) });
    await materialRow(14).getByText(/^容缺补齐：容缺通过，承诺补齐（承诺补齐日期 /).waitFor();
    expect(await materialRow(1).getByRole('button', { name: '附件上传' }).count()).toBe(0);
    await materialRow(14).getByRole('button', { name: '附件上传' }).click();
    const attach = page.getByRole('dialog');
    // 我的材料 is offered beside 本地上传 and 我的云盘
    await attach.getByRole('tab', { name: '我的材料' }).click();
    await attach.getByTestId('unit-materials').getByText('施工组织设计（盖章）').waitFor();
    await screenshot(page, 'staff-deferral-attach-my-materials');
    await attach.getByRole('tab', { name: '我的云盘' }).click();
    await attach.getByText('容缺补齐材料').click();
    await attach.getByRole('checkbox', { name: '容缺补齐-14.pdf' }).check();
    await attach.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await materialRow(14).getByRole('link', { name: '容缺补齐-14.pdf' }).waitFor();
    await screenshot(page, 'staff-deferral-attached');
    await page.getByRole('button', { name: '提交补齐' }).click();
    await page.getByTestId('application-status').filter({ hasText: '容缺待确认' }).waitFor();
    expect(await deferral.innerText()).toMatch(/容缺材料已补齐（待确认）[\s\S]*14\. .+已补齐（待确认）/);
    await screenshot(page, 'staff-deferral-submitted');

    // the window finds it under 容缺待确认 and confirms
    await staff.getByRole('combobox', { name: '办理情形' }).click();
    await staff.getByTitle('容缺待确认').click();
    const queued = staff.getByRole('row', { name: new RegExp(app.serialNo) });
    await queued.getByText('容缺待确认').waitFor();
    await screenshot(staff, 'staff-queue-deferral-submitted');
    await queued.getByRole('button', { name: '办理' }).click();
    await staff.getByTestId('staff-status').filter({ hasText: '容缺待确认' }).waitFor();
    await staff.getByRole('link', { name: '容缺补齐-14.pdf' }).waitFor();
    await staff.getByRole('button', { name: '确认补齐' }).click();
    dialog = staff.getByRole('dialog');
    await dialog.getByLabel('确认意见').fill('补齐材料已核');
    await screenshot(staff, 'staff-confirm-deferral-dialog');
    await dialog.getByRole('button', { name: '确定' }).click();
    await staff.getByTestId('staff-status').filter({ hasText: '已办结（容缺通过）' }).waitFor();
    await screenshot(staff, 'staff-deferral-confirmed');

    await page.goto(`${hall.url}/space/applications/${app.id}`);
    await page.getByTestId('application-status').filter({ hasText: '已办结（容缺通过）' }).waitFor();
    expect(await page.getByTestId('deferral').innerText()).toContain('容缺材料已确认补齐');
    expect(await page.getByRole('button', { name: '提交补齐' }).count()).toBe(0);
    await screenshot(page, 'staff-application-deferral-confirmed');
    // off the 申报中列表: the home list loads (the draft-free list may be empty) without it
    const home = page.waitForResponse((r) => r.url().includes('/api/home'));
    await page.goto(`${hall.url}/space/home`);
    expect(((await (await home).json()) as { inProgress: { items: { serialNo: string }[] } }).inProgress.items.map((i) => i.serialNo)).not.toContain(app.serialNo);
    await page.getByText('申报中列表').waitFor();
    expect(await page.getByRole('row', { name: new RegExp(app.serialNo) }).count()).toBe(0);
    await screenshot(page, 'staff-home-deferral-confirmed');
  });
});
