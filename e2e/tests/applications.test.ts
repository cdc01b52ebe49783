// 项目申报 in Chromium, end to end: 快速登记 with 自动赋码, the 项目申报 wizard for the
// construction permit, 附件上传 from 我的云盘 (tick → right-hand list → 关闭 → under the row),
// a 第三方材料上传 link read back from 第三方材料上传链接 and used by a second unit in its own
// browser, 申报 with the 申报流水号 on the home list, the 打印预览 sheet (on screen and as a PDF),
// then the window (/staff, password + 动态口令) 受理 and 材料补正,
// the enterprise's 补正, 办结, and the home counts following. Sessions are seeded (support/session.ts).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enterpriseApi, seedStaff, staffLogIn } from '../support/api.ts';
import { launchBrowser, screenshot, screenshotDir, type Browser } from '../support/browser.ts';
import { makePdf, pdfBytes } from '../support/files.ts';
import { startHall, type Hall } from '../support/hall.ts';
import { DEMO_UNIT, seedSignedInUnit, signInBrowser, type SeededUnit } from '../support/session.ts';

const BUILDER = { unitName: '江西乙建工集团有限公司', creditCode: '91360200MA35XXXX0A', legalRepresentative: '王五', phone: '13900139000', userName: '施工单位资料员' };

let hall: Hall;
let owner: Browser;
let builder: Browser;
let page: Page;
let unit: SeededUnit;
let builderUnit: SeededUnit;
let staffSecret: string;
let filesDir: string;

/** The enterprise's API from node, with its seeded session. */
const call = enterpriseApi(() => hall.url, () => unit.token);

function validCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first = '91360200MA35XXXX0';
  const sum = [...first].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i]!, 0);
  return first + alphabet[(31 - (sum % 31)) % 31];
}

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), 'hall-e2e-apply-'));
  hall = await startHall({
    // the master key keeps 第三方材料上传 links so that they can be shown again
    env: { HALL_MASTER_KEY: randomBytes(32).toString('base64') },
    seed: async (dir) => {
      unit = await seedSignedInUnit(dir);
      builderUnit = await seedSignedInUnit(dir, { ...BUILDER, creditCode: validCreditCode() });
      staffSecret = await seedStaff(dir, { username: 'chuangkou', name: '窗口受理员', password: 'window-pass-123', roles: ['window', 'approver'] });
    },
  });
  owner = await launchBrowser();
  await signInBrowser(owner.context, hall.url, unit.token);
  page = await owner.newPage();
  builder = await launchBrowser();
  await signInBrowser(builder.context, hall.url, builderUnit.token);
});

afterAll(async () => {
  await owner?.close();
  await builder?.close();
  await hall?.stop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

const materialRow = (index: number) => page.locator('tbody tr.ant-table-row').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${index}$`) }) });

describe('项目申报', () => {
  let applicationId: string;
  let serialNo: string;

  it('快速登记 a project without a code: 自动赋码 gives ZDFM-…', async () => {
    await page.goto(`${hall.url}/space/projects`);
    await page.getByRole('button', { name: '自动赋码' }).click();
    const dialog = page.getByRole('dialog', { name: '快速登记' });
    await dialog.getByLabel('项目名称').fill('景德镇陶瓷文化创意园');
    await dialog.getByLabel('建设单位').fill(DEMO_UNIT.unitName);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: /^ZDFM-360200-\d{8}-0001/ }).waitFor();
  });

  it('walks the wizard to the construction permit’s 15-row checklist', async () => {
    await page.getByRole('link', { name: '项目申报' }).first().click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('施工许可', { exact: true }).click();
    await page.getByText('建筑工程施工许可证核发').click();
    await page.getByRole('cell', { name: '建设工程消防设计审查申请表' }).first().waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('联系人').fill('李四');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByRole('button', { name: '暂存并上传材料' }).click();
    await page.waitForURL(/\/space\/applications\/[0-9a-f-]{36}$/);
    applicationId = page.url().split('/').pop()!;
    await page.getByTestId('application-status').waitFor({ timeout: 60_000 });
    await materialRow(15).waitFor();
    expect(await page.locator('tbody tr.ant-table-row').count()).toBe(15);
    expect(await page.getByTestId('application-status').innerText()).toBe('暂存');
  });

  it('附件上传 from 我的云盘: ticked files show on the right and land under the row after 关闭', async () => {
    const folder = await call('POST', '/api/drive/folders', { name: '施工许可盖章文件', code: 'SGXK' });
    const form = new FormData();
    for (const name of ['建设工程消防设计审查申请表.pdf', '消防设计文件.pdf', '规划许可证明文件.pdf', '用地批准手续.pdf', '建设工程规划许可证.pdf', '中标通知书及合同.pdf', '施工合同（补正）.pdf']) {
      form.append('file', new Blob([pdfBytes(name.length.toString())], { type: 'application/pdf' }), name);
    }
    const files: { id: string; name: string; version: number }[] = await call('POST', `/api/drive/folders/${folder.id}/files`, form);

    await materialRow(2).getByRole('button', { name: '附件上传' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('tab', { name: '我的云盘' }).click();
    await dialog.getByText('施工许可盖章文件').click();
    await dialog.getByRole('checkbox', { name: '建设工程消防设计审查申请表.pdf' }).check();
    await dialog.getByTestId('picked-files').getByText('建设工程消防设计审查申请表.pdf').waitFor();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await materialRow(2).getByRole('link', { name: '建设工程消防设计审查申请表.pdf' }).waitFor();

    // the other required rows through the same API the dialog uses
    const rest: [number, string][] = [[5, '消防设计文件.pdf'], [7, '规划许可证明文件.pdf'], [10, '用地批准手续.pdf'], [11, '建设工程规划许可证.pdf']];
    for (const [index, name] of rest) {
      await call('POST', `/api/applications/${applicationId}/materials/jzgcsgxk-${String(index).padStart(2, '0')}/drive-files`, { files: [{ fileId: files.find((f) => f.name === name)!.id }] });
    }
    await page.reload();
    await materialRow(11).getByRole('link', { name: '建设工程规划许可证.pdf' }).waitFor();
  });

  it('申报 lists the missing required row, then a 第三方材料上传 link used by the 施工单位 fills another row', async () => {
    await page.getByRole('button', { name: '申报', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: /^12\. 中标通知书或直接发包告知书、施工合同、监理合同$/ }).waitFor();

    await materialRow(13).getByRole('button', { name: '第三方材料上传发起' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('第三方单位名称').fill(BUILDER.unitName);
    await dialog.getByRole('button', { name: '发起' }).click();
    const created = await dialog.getByTestId('third-party-url').innerText();
    expect(created).toMatch(new RegExp(`^${hall.url}/third-party/[A-Za-z0-9_-]{43}$`));
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // the manual: 点击“第三方材料上传链接”，可查看链接，复制链接发给第三方单位 — later, from the row
    await page.reload();
    await materialRow(13).getByRole('button', { name: '第三方材料上传链接' }).click();
    const links = page.getByRole('dialog', { name: '第三方材料上传链接' });
    const card = links.getByTestId('third-party-link');
    await card.getByText(BUILDER.unitName).waitFor();
    await card.getByTestId('third-party-link-state').getByText('有效').waitFor();
    const url = await card.getByTestId('third-party-link-url').innerText();
    expect(url).toBe(created);
    await card.getByText('未设置').waitFor(); // no 访问码
    await screenshot(page, 'applications-third-party-links');
    await links.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    const other = await builder.newPage();
    await other.goto(url);
    await other.getByText('危险性较大分部分项工程清单').waitFor();
    await other.getByText(DEMO_UNIT.unitName).waitFor();
    await other.locator('input[type=file]').setInputFiles(await makePdf(filesDir, '危大工程清单.pdf', 'list'));
    await other.getByRole('button', { name: '上传' }).click();
    await other.getByTestId('uploaded').getByText('危大工程清单.pdf').waitFor();
    await screenshot(other, 'applications-third-party');
    await other.close();

    await page.reload();
    await materialRow(13).getByText(`（第三方：${BUILDER.unitName} ${BUILDER.userName}）`).waitFor();
    await materialRow(13).getByRole('button', { name: '第三方材料上传链接' }).click();
    await page.getByRole('dialog', { name: '第三方材料上传链接' }).getByTestId('third-party-link-state').getByText('已使用').waitFor();
    await page.getByRole('dialog', { name: '第三方材料上传链接' }).locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  });

  it('申报 gives the 申报流水号, shown on the home list with 已申报 counted', async () => {
    const files: { id: string; name: string }[] = await call('GET', `/api/drive/folders/${(await call('GET', '/api/drive/folders')).find((f: { code: string }) => f.code === 'SGXK').id}/files`);
    await call('POST', `/api/applications/${applicationId}/materials/jzgcsgxk-12/drive-files`, { files: [{ fileId: files.find((f) => f.name === '中标通知书及合同.pdf')!.id }] });
    await page.reload();
    await page.getByRole('button', { name: '申报', exact: true }).click();
    await page.getByTestId('application-status').filter({ hasText: '已申报' }).waitFor();
    serialNo = await page.getByTestId('serial-no').innerText();
    expect(serialNo).toMatch(/^\d{12}$/);
    await page.goto(`${hall.url}/space/home`);
    await page.getByRole('cell', { name: serialNo }).waitFor();
    await page.getByTestId('stat-submitted').filter({ hasText: '1' }).waitFor();
  });

  it('打印预览 opens the materials list as an A4 sheet in a new tab, and prints to a PDF that holds it', async () => {
    await page.goto(`${hall.url}/space/applications/${applicationId}`);
    const [sheet] = await Promise.all([owner.context.waitForEvent('page'), page.getByRole('link', { name: '打印预览' }).click()]);
    await sheet.waitForURL(`${hall.url}/print/applications/${applicationId}`);
    await sheet.getByTestId('print-serial-no').filter({ hasText: serialNo }).waitFor({ timeout: 60_000 });
    await sheet.getByRole('heading', { name: '建筑工程施工许可证核发 申报材料清单' }).waitFor();
    // no hall frame: no menu, no header
    expect(await sheet.locator('.hall-header, .hall-space-menu').count()).toBe(0);
    const materials = sheet.locator('table.hall-print-materials');
    expect(await materials.locator('tr.hall-print-first').count()).toBe(15);
    const row = (index: number) => materials.locator('tr.hall-print-first').nth(index - 1);
    expect(await row(2).innerText()).toContain('* 建设工程消防设计审查申请表');
    expect(await row(1).innerText()).not.toContain('*');
    for (const name of ['建设工程消防设计审查申请表.pdf', '消防设计文件.pdf', '建设工程规划许可证.pdf', '中标通知书及合同.pdf', '危大工程清单.pdf']) {
      await materials.getByText(name, { exact: true }).waitFor();
    }
    expect(await row(13).innerText()).toContain(`第三方上传（${BUILDER.unitName} ${BUILDER.userName}）`);
    expect(await row(2).innerText()).toMatch(/第 1 版；未签章[\s\S]*云盘/);
    await sheet.getByText(DEMO_UNIT.unitName, { exact: true }).waitFor();
    await sheet.getByText('申报单位（盖章）：').waitFor();
    await sheet.getByText(/^打印日期：\d{4}-\d{2}-\d{2}$/).waitFor();
    await sheet.getByRole('button', { name: '打印' }).waitFor();
    await screenshot(sheet, 'applications-print');

    // the printed sheet: A4 from the page's own @page rule, the 打印 bar left out
    const pdf = await sheet.pdf({ preferCSSPageSize: true, printBackground: true });
    const pdfPath = join(screenshotDir, 'applications-print.pdf'); // kept beside the screenshots
    await writeFile(pdfPath, pdf);
    const { stdout: text } = await promisify(execFile)('pdftotext', ['-layout', pdfPath, '-'], { timeout: 30_000 });
    expect(text).toContain(serialNo);
    expect(text).toContain('建设工程消防设计审查申请表');
    expect(text).toContain('申报单位（盖章）');
    expect(text).not.toContain('打印时本栏不输出');
    const { stdout: info } = await promisify(execFile)('pdfinfo', [pdfPath], { timeout: 30_000 });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    await sheet.close();
  });

  it('the window 受理 and asks 材料补正; the enterprise answers; the window 办结; the counts follow', async () => {
    const staff = await owner.newPage();
    await staffLogIn(staff, hall.url, { username: 'chuangkou', password: 'window-pass-123', totpSecret: staffSecret });
    await staff.getByRole('row', { name: new RegExp(serialNo) }).getByRole('button', { name: '办理' }).click();
    await staff.getByRole('button', { name: '受理', exact: true }).click();
    await staff.getByTestId('staff-status').filter({ hasText: '已受理' }).waitFor();
    await staff.getByRole('button', { name: '材料补正' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: /^12\. 中标通知书/ }).check();
    await dialog.getByLabel('原因').fill('施工合同缺少盖章页');
    await dialog.getByRole('button', { name: '确定' }).click();
    await staff.getByTestId('staff-status').filter({ hasText: '补正中' }).waitFor();

    await page.goto(`${hall.url}/space/applications/${applicationId}`);
    await materialRow(12).getByText('材料补正：施工合同缺少盖章页').waitFor();
    await materialRow(12).getByRole('button', { name: '附件上传' }).click();
    const attach = page.getByRole('dialog');
    await attach.getByRole('tab', { name: '我的云盘' }).click();
    await attach.getByText('施工许可盖章文件').click();
    await attach.getByRole('checkbox', { name: '施工合同（补正）.pdf' }).check();
    await attach.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await materialRow(12).getByRole('link', { name: '施工合同（补正）.pdf' }).waitFor();
    await page.getByRole('button', { name: '提交补正材料' }).click();
    await page.getByTestId('application-status').filter({ hasText: '已受理' }).waitFor();

    await staff.getByRole('button', { name: '返回' }).click();
    await staff.getByRole('main').getByText('申报队列').waitFor({ timeout: 60_000 }); // the console's menu names it too
    await staff.getByRole('combobox', { name: '状态' }).click();
    await staff.getByTitle('已受理').click();
    await staff.getByRole('row', { name: new RegExp(serialNo) }).getByRole('button', { name: '办理' }).click();
    await staff.getByRole('button', { name: '办结', exact: true }).click();
    await staff.getByRole('dialog').getByLabel('办结意见').fill('准予许可');
    await staff.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await staff.getByTestId('staff-status').filter({ hasText: '已办结（通过）' }).waitFor();
    await screenshot(staff, 'applications-staff-finished');

    await page.goto(`${hall.url}/space/home`);
    await page.getByTestId('stat-finished').filter({ hasText: '1' }).waitFor();
    expect(await page.getByTestId('stat-submitted').innerText()).toContain('1');
    expect(await page.getByRole('cell', { name: serialNo }).count()).toBe(0);
    const home = await call('GET', '/api/home');
    expect(home.stats).toEqual({ submitted: 1, finished: 1, materialsComplete: 1, materialsCorrection: 0 });

    await page.goto(`${hall.url}/query`);
    await page.getByLabel('申报流水号').fill(serialNo);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByTestId('lookup-status').filter({ hasText: '已办结（通过）' }).waitFor();
  });
});
