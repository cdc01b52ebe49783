// The 法人空间 of a logged-in unit: 我的首页 (profile, 快捷入口, 统计分析, 申报中列表), then
// 我的云盘 walked as the manual shows it (section 2): the empty drive, 新建文件夹 with 目录名称
// and 文件编码, uploading several files, 转换PDF with its confirmation and 转换中 progress,
// the versions, preview, the recycle bin, and the 盖章 entry of a PDF. Real server, real
// LibreOffice conversion, real Chromium; the session is seeded (see support/session.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { makeDocx, makePdf, makePng } from '../support/files.ts';
import { startHall, type Hall } from '../support/hall.ts';
import { DEMO_UNIT, seedSignedInUnit, signInBrowser, type SeededUnit } from '../support/session.ts';

const FOLDER = '测试项目施工许可材料';
const DOCX = '附件八建设资金已经落实承诺书.docx';
const PDF = '并联审批的建筑工程施工许可申请表.pdf';
const PNG = '现场照片.png';

let hall: Hall;
let browser: Browser;
let page: Page;
let unit: SeededUnit;
let filesDir: string;

const text = async (l: Locator) => (await l.innerText()).replace(/\s+/g, ' ').trim();
const rows = () => page.locator('.hall-drive-files tbody tr.ant-table-row');
const row = (name: string) => rows().filter({ hasText: name });
/** Waits until the drive's heading reads "<folder> | 共有文件N个". */
const heading = (folder: string, count: number) =>
  page
    .getByTestId('drive-heading')
    .filter({ hasText: new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\|\\s*共有文件${count}个$`) })
    .waitFor();

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), 'hall-e2e-files-'));
  hall = await startHall({
    seed: async (dir) => {
      unit = await seedSignedInUnit(dir);
    },
  });
  browser = await launchBrowser();
  await signInBrowser(browser.context, hall.url, unit.token);
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

describe('我的首页', () => {
  it('shows the unit profile, the quick entries, the statistics and the applications in progress', async () => {
    await page.goto(hall.url);
    await page.waitForURL(/\/space\/home$/);
    await page.getByTestId('profile-card').getByText(DEMO_UNIT.creditCode).waitFor();
    expect(await text(page.getByTestId('breadcrumb'))).toBe('当前位置: 首页 > 法人空间 > 我的首页');
    const profile = await text(page.getByTestId('profile-card'));
    expect(profile).toContain(`法定代表人 ${DEMO_UNIT.legalRepresentative}`);
    expect(profile).toContain(`统一社会信用代码 ${DEMO_UNIT.creditCode}`);
    expect(profile).toContain(`联系电话 ${DEMO_UNIT.phone}`);
    expect(profile).toContain(`单位名称 ${DEMO_UNIT.unitName}`);
    const quick = await page.locator('.hall-quick-entry').allInnerTexts();
    expect(quick.map((q) => q.trim())).toEqual(['快速登记', '我的项目', '我的材料', '我的云盘', '自动赋码']);
    for (const [key, label] of [
      ['submitted', '已申报'],
      ['finished', '已办结'],
      ['materialsComplete', '材料齐全'],
      ['materialsCorrection', '材料补正'],
    ]) {
      // a new unit has applied for nothing yet
      expect(await text(page.getByTestId(`stat-${key}`))).toBe(`0 ${label}`);
    }
    const list = page.locator('.hall-panel').filter({ hasText: '申报中列表' });
    expect(await list.locator('thead th').allInnerTexts()).toEqual(['申报流水号', '项目代码 | 项目名称', '阶段 / 事项', '状态', '操作']);
    expect(await list.getByText('暂无数据').count()).toBeGreaterThan(0);
    const menu = await page.getByLabel('法人空间菜单').innerText();
    for (const item of ['我的首页', '我的项目', '我的材料', '我的云盘', '项目申报', '自动赋码']) expect(menu).toContain(item);
    await screenshot(page, 'home');
  });

  it('goes to 我的云盘 from its quick entry', async () => {
    await page.locator('.hall-quick-entry').filter({ hasText: '我的云盘' }).click();
    await page.waitForURL(/\/space\/drive$/);
  });
});

describe('我的云盘', () => {
  it('opens on the empty drive with the unit in the header', async () => {
    await page.getByTestId('drive-heading').waitFor();
    expect(await text(page.getByTestId('breadcrumb'))).toBe('当前位置: 首页 > 法人空间 > 我的云盘');
    expect(await text(page.getByTestId('drive-heading'))).toBe('您还没选中文件夹 | 共有文件0个');
    expect(await text(page.getByTestId('drive-selected'))).toBe('已选中0个文件');
    expect(await page.getByText('暂无数据').count()).toBeGreaterThan(0);
    expect(await page.locator('.hall-header-unit').innerText()).toBe(DEMO_UNIT.unitName);
    await screenshot(page, 'drive-empty');
  });

  it('creates a folder with 目录名称 and 文件编码, and refuses a second folder with the same code', async () => {
    await page.getByRole('button', { name: '新建文件夹' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新建文件夹' });
    await dialog.waitFor();
    expect(await dialog.getByText('请选择上级目录').count()).toBe(1);
    await dialog.getByLabel('目录名称').fill(FOLDER);
    await dialog.getByLabel('文件编码').fill('1');
    await screenshot(page, 'drive-new-folder');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('drive-heading').filter({ hasText: FOLDER }).waitFor();
    expect(await text(page.getByTestId('drive-heading'))).toBe(`${FOLDER} | 共有文件0个`);
    expect(await page.locator('.hall-drive-tree').innerText()).toContain(FOLDER);

    await page.getByRole('button', { name: '新建文件夹' }).click();
    await dialog.waitFor();
    await dialog.getByLabel('目录名称').fill('测试项目竣工验收材料');
    await dialog.getByLabel('文件编码').fill('1');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('同一目录下已有相同编码的文件夹').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('uploads several files at once and lists them with date, size and version', async () => {
    const paths = [
      await makeDocx(filesDir, DOCX, ['建设资金已经落实承诺书', '我单位承诺：本项目建设资金已经落实。']),
      await makePdf(filesDir, PDF, 'Application for construction permit'),
      await makePng(filesDir, PNG),
    ];
    await page.getByRole('button', { name: '上传文件' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '上传文件' });
    await dialog.locator('input[type=file]').setInputFiles(paths);
    await dialog.locator('.ant-upload-list-item-done').nth(2).waitFor({ timeout: 60_000 });
    expect(await dialog.locator('.ant-upload-list-item-error').count()).toBe(0);
    await dialog.getByRole('button', { name: '完成' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await heading(FOLDER, 3);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    for (const name of [DOCX, PDF, PNG]) {
      const cells = await row(name).locator('td').allInnerTexts();
      expect(cells.join('|')).toContain(name);
      expect(cells).toContain(today);
      expect(cells.some((c) => /^\d+(\.\d)?(B|KB)$/.test(c.trim()))).toBe(true);
      expect(cells).toContain('V1');
    }
    expect(await row(PDF).getByRole('button', { name: '盖章', exact: true }).count()).toBe(1);
    expect(await row(DOCX).getByRole('button', { name: '盖章', exact: true }).count()).toBe(0);
    await screenshot(page, 'drive-uploaded');
  });

  it('refuses a file type the hall does not take, naming the file', async () => {
    const path = join(filesDir, '说明.txt');
    await writeFile(path, '这不是允许上传的文件类型');
    await page.getByRole('button', { name: '上传文件' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '上传文件' });
    await dialog.locator('input[type=file]').setInputFiles([path]);
    await dialog.locator('.ant-upload-list-item-error').waitFor();
    await page.locator('.ant-message').getByText('说明.txt：不支持该文件类型', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '完成' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await heading(FOLDER, 3);
  });

  it('converts the Word file to PDF after the confirmation, showing 转换中 until done', async () => {
    await row(DOCX).locator('.ant-checkbox-input').check();
    expect(await text(page.getByTestId('drive-selected'))).toBe('已选中1个文件');
    await page.locator('.hall-drive-header').getByRole('button', { name: '转换PDF' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '转换后将替换原文件，确定要转换为pdf吗?' });
    await confirm.waitFor();
    expect(await confirm.getByRole('button', { name: '取消' }).count()).toBe(1);
    await confirm.getByRole('button', { name: '确定' }).click();

    const progress = page.getByRole('dialog').filter({ has: page.locator('.ant-progress') });
    await progress.waitFor();
    expect(await progress.innerText()).toContain(DOCX);
    await screenshot(page, 'drive-converting');
    await progress.getByText('转换成功', { exact: true }).waitFor({ timeout: 180_000 });
    await progress.getByRole('button', { name: '确定' }).click();

    const converted = DOCX.replace(/\.docx$/, '.pdf');
    await row(converted).waitFor();
    expect(await row(DOCX).count()).toBe(0);
    expect(await row(converted).locator('td').allInnerTexts()).toContain('V2');
    expect(await text(page.getByTestId('drive-heading'))).toBe(`${FOLDER} | 共有文件3个`);
    await screenshot(page, 'drive-converted');
  });

  it('keeps the Word original as version 1 of the converted file and restores it', async () => {
    const converted = DOCX.replace(/\.docx$/, '.pdf');
    await row(converted).getByRole('button', { name: '版本' }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '历史版本' });
    await drawer.locator('tbody tr.ant-table-row').nth(1).waitFor();
    const versions = await drawer.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(versions).toHaveLength(2);
    expect(versions[0]).toContain('V2');
    expect(versions[0]).toContain('当前');
    expect(versions[0]).toContain(converted);
    expect(versions[1]).toContain('V1');
    expect(versions[1]).toContain(DOCX);
    await screenshot(page, 'drive-versions');

    // 恢复 V1 makes the Word original current again, as a new version; nothing is lost
    await drawer.locator('tbody tr.ant-table-row').nth(1).getByRole('button', { name: '恢复' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await drawer.locator('tbody tr.ant-table-row').nth(2).waitFor();
    const after = await drawer.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(after[0]).toContain('V3');
    expect(after[0]).toContain('当前');
    expect(after[0]).toContain(DOCX);
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await row(DOCX).waitFor();
    expect(await row(DOCX).locator('td').allInnerTexts()).toContain('V3');
  });

  it('previews a PDF with pdf.js', async () => {
    await row(PDF).getByRole('button', { name: '预览' }).click();
    const viewer = page.getByTestId('pdf-viewer');
    await viewer.waitFor({ timeout: 30_000 });
    expect(await viewer.getAttribute('data-pages')).toBe('1');
    // the page canvas gets its size once pdf.js has rendered it
    await page.waitForFunction("(document.querySelector('[data-testid=pdf-viewer] canvas')?.width ?? 0) > 0");
    await screenshot(page, 'drive-preview');
    await page.getByRole('dialog').filter({ hasText: PDF }).locator('.ant-modal-close').click();
    await viewer.waitFor({ state: 'hidden' });
  });

  it('previews an image', async () => {
    await row(PNG).getByRole('button', { name: '预览' }).click();
    const img = page.locator('.ant-image-preview img');
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(/\/api\/drive\/files\/[0-9a-f-]{36}\/content\?version=1&disposition=inline$/);
    await page.waitForFunction("(document.querySelector('.ant-image-preview img')?.naturalWidth ?? 0) === 8");
    await page.keyboard.press('Escape');
    await img.waitFor({ state: 'hidden' });
  });

  it('moves a deleted file to the recycle bin and restores it', async () => {
    await row(PNG).getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await page.getByTestId('drive-heading').filter({ hasText: '共有文件2个' }).waitFor();
    expect(await row(PNG).count()).toBe(0);

    await page.getByRole('button', { name: '回收站' }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '回收站' });
    const recycled = drawer.locator('tbody tr.ant-table-row').filter({ hasText: PNG });
    await recycled.waitFor();
    expect(await recycled.innerText()).toContain(FOLDER);
    await recycled.getByRole('button', { name: '恢复' }).click();
    await recycled.waitFor({ state: 'detached' });
    await drawer.locator('.ant-drawer-close').click();
    await page.getByTestId('drive-heading').filter({ hasText: '共有文件3个' }).waitFor();
    expect(await row(PNG).count()).toBe(1);
  });

  it('edits a folder into a subfolder and deletes only empty folders', async () => {
    const tree = page.locator('.hall-drive-tree');
    await page.getByRole('button', { name: '新建文件夹' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新建文件夹' });
    await dialog.getByLabel('目录名称').fill('竣工验收材料');
    await dialog.getByLabel('文件编码').fill('2');
    await dialog.getByRole('button', { name: '确定' }).click();
    await heading('竣工验收材料', 0);

    // 编辑文件夹: rename it and put it under the first folder (上级目录)
    await page.getByRole('button', { name: '编辑文件夹' }).click();
    const edit = page.getByRole('dialog').filter({ hasText: '编辑文件夹' });
    await edit.getByLabel('目录名称').fill('测试项目竣工验收材料');
    await edit.getByLabel('上级目录').click();
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: FOLDER }).click();
    await edit.getByRole('button', { name: '确定' }).click();
    await edit.waitFor({ state: 'hidden' });
    await heading('测试项目竣工验收材料', 0);
    // the tree shows it one level down, under the first folder
    const child = tree.locator('.ant-tree-treenode').filter({ hasText: '测试项目竣工验收材料' });
    expect(await child.locator('.ant-tree-indent-unit').count()).toBe(1);

    // a folder with files in it stays
    await tree.getByText(FOLDER, { exact: true }).click();
    await heading(FOLDER, 3);
    await page.getByRole('button', { name: '删除文件夹' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await page.getByText('文件夹不为空，请先删除其中的文件和子文件夹').waitFor();

    // an empty one goes
    await tree.getByText('测试项目竣工验收材料', { exact: true }).click();
    await page.getByTestId('drive-heading').filter({ hasText: '测试项目竣工验收材料' }).waitFor();
    await page.getByRole('button', { name: '删除文件夹' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await heading('您还没选中文件夹', 0);
    await tree.getByText('测试项目竣工验收材料', { exact: true }).waitFor({ state: 'detached' });
    await tree.getByText(FOLDER, { exact: true }).click();
    await heading(FOLDER, 3);
  });

  it('opens the sealing page from 盖章 of a PDF', async () => {
    await row(PDF).getByRole('button', { name: '盖章', exact: true }).click();
    await page.waitForURL(/\/seal\/[0-9a-f-]{36}$/);
    await page.getByTestId('breadcrumb').filter({ hasText: '在线盖章' }).waitFor();
  });

  it('opens 批量盖章 with the checked PDFs only', async () => {
    await page.goto(`${hall.url}/space/drive`);
    await page.locator('.hall-drive-tree').getByText(FOLDER, { exact: true }).click();
    await heading(FOLDER, 3);
    const batch = page.locator('.hall-drive-header').getByRole('button', { name: '批量盖章' });
    expect(await batch.isDisabled()).toBe(true);
    await row(PNG).locator('.ant-checkbox-input').check();
    // an image alone has nothing to seal
    expect(await batch.isDisabled()).toBe(true);
    await row(PDF).locator('.ant-checkbox-input').check();
    expect(await text(page.getByTestId('drive-selected'))).toBe('已选中2个文件');
    expect(await batch.isEnabled()).toBe(true);
    // the row's 盖章 link carries the file's id
    const pdfId = (await row(PDF).locator('a[href^="/seal/"]').getAttribute('href'))!.replace('/seal/', '');
    await batch.click();
    await page.waitForURL((url) => url.pathname === '/seal/batch' && url.searchParams.get('files') === pdfId);
    await page.getByTestId('breadcrumb').filter({ hasText: '批量盖章' }).waitFor();
  });

  it('sends the user to CA 锁登录 when the session is gone', async () => {
    await page.goto(`${hall.url}/space/drive`);
    await page.getByTestId('drive-heading').waitFor();
    await browser.context.clearCookies({ name: 'hall_session' });
    await page.getByRole('button', { name: '回收站' }).click();
    await page.waitForURL(/\/login\?redirect=%2Fspace%2Fdrive$/);
    await page.getByText('请先登录').first().waitFor();
  });
});
