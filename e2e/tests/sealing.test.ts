// The manual's chapter 2 (在线盖章) in Chromium against the real hall, the real key agent and a
// SoftHSM2 USB key from the demo set-up, logged in through the real CA 锁登录: open a PDF from
// 我的云盘, 电子签章 → 输入 pin 码 → pick the 公章 → drag it onto page 1; 多页盖章 on pages 1–3;
// 骑缝章 over all pages; 添加文字 (the date); 确定. The stored version is then judged by poppler
// (pdfsig), our verifier (pdfseal verify) and a pdftoppm render (red seal pixels where dropped).
// Then the public 验证签章 page flags a copy changed after sealing.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { inkNear, red } from '../support/render.ts';
import { pickSealWithPin } from '../support/sealing-page.ts';
import { demoSetup, type Demo } from '@hall/key-agent/demo-setup';
import { markSoftHsmFinalTry, setSoftHsmTokenFlags } from '@hall/token';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startHall, type Hall } from '../support/hall.ts';
import { freePort, repoRoot, startChild, waitForHttp, type Child } from '../support/process.ts';

const run = promisify(execFile);
const PAGES = 3;
const FILE = '建设资金已经落实承诺书.pdf';
const ZOOM = 0.5;
const PX_PER_PT = ZOOM * (96 / 72);

// Where things are dropped, in points from the top-left of the page.
const SINGLE = { x: 150, y: 250 }; // 单页盖章, page 1
const MULTI = { x: 420, y: 560 }; // 多页盖章, pages 1–3
const CROSS_Y = 380; // 骑缝章, right edge of every page
const TEXT = { x: 90, y: 760 }; // 添加文字, page 1

let work: string;
let demo: Demo;
let agent: Child;
let hall: Hall;
let browser: Browser;
let page: Page;
let fileId: string;
let folderId: string;
let sealedPath: string;

/** A PDF of `pages` A4 pages with one line of text each; object 4+2(i−1) is page i's content. */
function makePdf(pages: number): Buffer {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids: string[] = [];
  for (let i = 1; i <= pages; i++) {
    const content = `BT /F1 28 Tf 72 780 Td (Commitment letter, page ${i}) Tj ET`;
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Appends an incremental update that replaces page 1's content: a change no signature allows. */
function tamper(sealed: Buffer): Buffer {
  const text = sealed.toString('latin1');
  const prev = Number([...text.matchAll(/startxref\s+(\d+)/g)].pop()![1]);
  const size = Math.max(...[...text.matchAll(/\/Size (\d+)/g)].map((m) => Number(m[1])));
  const content = 'BT /F1 40 Tf 72 600 Td (ALTERED AFTER SEALING) Tj ET';
  const at = sealed.length;
  const body = `4 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`;
  const xref = at + Buffer.byteLength(body, 'latin1');
  const tail = `${body}xref\n0 1\n0000000000 65535 f \n4 1\n${String(at).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([sealed, Buffer.from(tail, 'latin1')]);
}

/** Every transition has ended; endless ones (spinners, e.g. a loading icon antd is still fading out) do not count. */
async function settled(): Promise<void> {
  await page.waitForFunction("document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
}

/** CA 锁登录 as e2e/tests/login.test.ts walks it: PIN 111111, the unit-info popup on the first login. */
async function logInWithKey(): Promise<void> {
  const unit = demo.enterprises[0]!;
  await page.goto(`${hall.url}/login`);
  await page.getByRole('button', { name: 'CA 锁登录' }).click();
  const pin = page.getByRole('dialog', { name: '请输入 PIN 码' });
  await pin.getByPlaceholder('请输入 PIN 码').fill(demo.pin);
  await pin.getByRole('button', { name: /确\s*定/ }).click();
  const form = page.getByRole('dialog', { name: '单位信息' });
  await form.waitFor();
  await form.getByLabel('法定代表人').fill(unit.legalRepresentative);
  await form.getByLabel('联系电话').fill(unit.phone);
  await form.getByRole('button', { name: /确\s*定/ }).click();
  await page.waitForURL(/\/space\/home$/);
}

/** A folder and the PDF in it, through the API with the browser's own session and CSRF cookie. */
async function uploadThroughApi(name: string, bytes: Buffer, folderId?: string): Promise<{ fileId: string; folderId: string }> {
  const csrf = (await browser.context.cookies(hall.url)).find((c) => c.name === 'hall_csrf')!.value;
  const headers = { 'x-csrf-token': csrf };
  let id = folderId;
  if (!id) {
    const folder = await page.request.post(`${hall.url}/api/drive/folders`, { headers, data: { name: '测试项目施工许可材料', code: '1' } });
    expect(folder.status()).toBe(201);
    id = ((await folder.json()) as { id: string }).id;
  }
  const up = await page.request.post(`${hall.url}/api/drive/folders/${id}/files`, { headers, multipart: { file: { name, mimeType: 'application/pdf', buffer: bytes } } });
  expect(up.status()).toBe(201);
  return { fileId: ((await up.json()) as { id: string }[])[0]!.id, folderId: id };
}

async function download(id: string): Promise<Buffer> {
  const res = await page.request.get(`${hall.url}/api/drive/files/${id}/content`);
  expect(res.status()).toBe(200);
  return Buffer.from(await res.body());
}

/** The screen point of (x, y) points on a page of the sealing view. */
async function screenPoint(pageNumber: number, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator(`.hall-seal-page[data-page="${pageNumber}"]`).boundingBox())!;
  return { x: box.x + x * PX_PER_PT, y: box.y + y * PX_PER_PT };
}

/** Drags an element by the point `grab` (relative to its box) to the screen point `to`. */
async function drag(el: Locator, grab: (b: { width: number; height: number }) => { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const box = (await el.boundingBox())!;
  const g = grab(box);
  await page.mouse.move(box.x + g.x, box.y + g.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

const centre = (b: { width: number; height: number }) => ({ x: b.width / 2, y: b.height / 2 });
const lastDraft = (pageNumber: number) => page.locator(`.hall-seal-page[data-page="${pageNumber}"] .hall-draft`).last();

async function pickSeal(name: string): Promise<void> {
  await page.getByTestId('seal-electronic').click();
  const picker = page.getByRole('dialog', { name: '选择印章' });
  await picker.waitFor();
  await picker.locator(`[data-seal-name="${name}"]`).locator('.ant-typography').first().click();
  await picker.getByRole('button', { name: /确\s*定/ }).click();
  await picker.waitFor({ state: 'hidden' });
}

async function mode(label: string): Promise<void> {
  await page.getByTestId('seal-mode').getByText(label, { exact: true }).click();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'hall-e2e-sealing-'));
  demo = await demoSetup({ dir: join(work, 'demo') });
  const agentPort = await freePort();
  const agentUrl = `http://127.0.0.1:${agentPort}`;
  hall = await startHall({ args: ['--demo'], env: { KEY_AGENT_URL: agentUrl }, seed: (dataDir) => symlink(demo.dir, join(dataDir, 'demo')) });
  agent = startChild(
    ['--import', 'tsx', 'apps/key-agent/src/main.ts', 'serve', '--port', String(agentPort), '--origin', hall.url, '--demo', demo.dir, '--token', demo.enterprises[0]!.tokenLabel],
    {},
    'key-agent',
  );
  await waitForHttp(agent, `${agentUrl}/health`, [200], 60_000, 'key-agent');
  browser = await launchBrowser({ viewport: { width: 1440, height: 1000 } });
  page = await browser.newPage();
  await logInWithKey();
  ({ fileId, folderId } = await uploadThroughApi(FILE, makePdf(PAGES)));
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  await agent?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('在线盖章', () => {
  it('opens the PDF from 我的云盘 with 盖章', async () => {
    await page.goto(`${hall.url}/space/drive`);
    await page.locator('.hall-drive-tree').getByText('测试项目施工许可材料').click();
    const row = page.locator('.hall-drive-files tbody tr.ant-table-row').filter({ hasText: FILE });
    await row.getByRole('button', { name: '盖章', exact: true }).click();
    await page.waitForURL(new RegExp(`/seal/${fileId}$`));
    await page.locator('.hall-seal-page[data-page="3"]').waitFor();
    await page.getByTestId('seal-zoom').click();
    await page.locator('.ant-select-item-option[title="50%"]').click();
    await page.locator(`[data-testid="seal-pages"][data-zoom="${ZOOM}"]`).waitFor();
    expect(await page.locator('.hall-seal-thumb').count()).toBe(PAGES);
    await settled();
    await screenshot(page, 'sealing-page');
  });

  it('单页盖章: 电子签章 → 输入 pin 码验证 → pick the 公章 → drag it to its place on page 1', async () => {
    await page.getByTestId('seal-electronic').click();
    const pin = page.getByRole('dialog', { name: '输入 pin 码验证' });
    await pin.waitFor();
    await settled();
    await screenshot(page, 'sealing-pin');
    await pin.getByTestId('seal-pin').fill(demo.pin);
    await pin.getByRole('button', { name: /确\s*定/ }).click();
    const picker = page.getByRole('dialog', { name: '选择印章' });
    await picker.waitFor();
    expect(await picker.getByTestId('seal-choice').count()).toBeGreaterThanOrEqual(2); // 公章 and 法人章 from the key
    await settled();
    await screenshot(page, 'sealing-seal-picker');
    await picker.locator('[data-seal-name="公章"]').locator('.ant-typography').first().click();
    await picker.getByRole('button', { name: /确\s*定/ }).click();
    await picker.waitFor({ state: 'hidden' });

    const seal = lastDraft(1);
    const size = (await seal.boundingBox())!;
    // true size: 42 mm at 50 %
    expect(size.width).toBeCloseTo((42 / 25.4) * 72 * PX_PER_PT, 0);
    await drag(seal, centre, await screenPoint(1, SINGLE.x, SINGLE.y));
    await settled();
    await screenshot(page, 'sealing-single');
  });

  it('多页盖章: the same place on pages 1–3', async () => {
    await mode('多页盖章');
    await page.getByRole('radio', { name: '页码范围' }).check();
    await page.getByTestId('seal-multi-range').fill('1-3');
    await pickSeal('公章');
    for (const p of [1, 2, 3]) expect(await page.locator(`.hall-seal-page[data-page="${p}"] .hall-draft-seal`).count()).toBe(p === 1 ? 2 : 1);
    await drag(lastDraft(1), centre, await screenPoint(1, MULTI.x, MULTI.y));
    // moved on every page at once
    const on3 = (await page.locator('.hall-seal-page[data-page="3"] .hall-draft-seal').boundingBox())!;
    const want = await screenPoint(3, MULTI.x, MULTI.y);
    expect(Math.abs(on3.x + on3.width / 2 - want.x)).toBeLessThan(3);
    expect(Math.abs(on3.y + on3.height / 2 - want.y)).toBeLessThan(3);
    await settled();
    await screenshot(page, 'sealing-multi');
  });

  it('骑缝章: strips at the right edge of every page, dragged to height', async () => {
    await mode('骑缝章');
    expect(await page.getByTestId('seal-cross-range').inputValue()).toBe('1-3');
    await pickSeal('公章');
    for (const p of [1, 2, 3]) expect(await page.locator(`.hall-seal-page[data-page="${p}"] .hall-draft-cross-page`).count()).toBe(1);
    const strip = page.locator('.hall-seal-page[data-page="1"] .hall-draft-cross-page');
    await drag(strip, centre, await screenPoint(1, 595 - 10, CROSS_Y));
    await settled();
    await screenshot(page, 'sealing-cross-page');
  });

  it('添加文字: today\'s date in Chinese, dragged onto page 1', async () => {
    await mode('添加文字');
    // the browser runs in Asia/Shanghai (support/browser.ts)
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-');
    const expected = `${y}年${m}月${d}日`;
    expect(await page.getByTestId('seal-text').inputValue()).toBe(expected);
    await page.locator('.hall-seal-pages').evaluate((el) => el.scrollTo({ top: 0 }));
    await page.getByTestId('seal-add-text').click();
    const text = page.locator('.hall-seal-page[data-page="1"] .hall-draft-text');
    await drag(text, () => ({ x: 4, y: 4 }), await screenPoint(1, TEXT.x + 4 / PX_PER_PT, TEXT.y + 4 / PX_PER_PT));
    expect(await page.getByTestId('seal-draft').count()).toBe(4);
    await settled();
    await screenshot(page, 'sealing-text');
  });

  it('印章库: a JPG scan uploaded in the drawer is offered beside the key\'s seals', async () => {
    const jpg = join(work, 'scan.jpg');
    await run('convert', [demo.enterprises[0]!.seals[0]!.png, '-background', 'white', '-flatten', '-quality', '90', jpg], { timeout: 60_000 });
    await page.getByRole('button', { name: '印章库' }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '上传到印章库' });
    await drawer.waitFor();
    expect(await drawer.getByLabel('绑定证书序列号').inputValue()).not.toBe('');
    await drawer.getByLabel('印章名称').fill('合同专用章');
    await drawer.locator('input[type=file]').setInputFiles(jpg);
    await drawer.getByRole('button', { name: '上传到印章库' }).click();
    await drawer.locator('.ant-list-item').filter({ hasText: '合同专用章' }).waitFor();
    await settled();
    await screenshot(page, 'sealing-library');
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();
    await page.getByTestId('seal-electronic').click();
    const picker = page.getByRole('dialog', { name: '选择印章' });
    await picker.locator('[data-seal-name="合同专用章"]').waitFor();
    expect(await picker.locator('[data-seal-name="合同专用章"]').innerText()).toContain('印章库');
    await picker.getByRole('button', { name: /取\s*消/ }).click();
    await picker.waitFor({ state: 'hidden' });
  });

  it('确定 applies everything as one signature and stores a new version', async () => {
    await page.getByTestId('seal-confirm').click();
    await page.getByTestId('seal-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('seal-done').innerText()).toContain('已保存为第 2 版');
    await screenshot(page, 'sealing-done');
    sealedPath = join(work, 'sealed.pdf');
    await writeFile(sealedPath, await download(fileId));
    // 查看签章验证: the drive file's report
    await page.getByRole('button', { name: '查看签章验证' }).click();
    await page.waitForURL(/\/verify\?fileId=/);
    expect(await page.getByTestId('signature-verdict').innerText()).toContain('文件中的 1 个签章均有效');
  });

  it('poppler: one signature, valid, covering the whole document', async () => {
    const { stdout } = await run('pdfsig', ['-nocert', sealedPath], { timeout: 60_000 });
    const blocks = stdout.split(/^Signature #\d+:\s*$/m).slice(1);
    const ranges = new Set(blocks.map((b) => /Signed Ranges: (.*)$/m.exec(b)?.[1]));
    expect(ranges.size).toBe(1); // one signature (listed once per widget)
    for (const b of blocks) {
      expect(b).toContain('Signature is Valid.');
      expect(b).toContain('Total document signed');
    }
  });

  it('pdfseal verify: ok against the demo CA', async () => {
    const args = [join(repoRoot, 'packages/pdf-seal/bin/pdfseal.js'), 'verify', sealedPath, '--json', ...demo.ca.trustAnchorPems.flatMap((p) => ['--trust', p])];
    // exit code 0 = ok; a failure still prints the report, which the assertions then show
    const { stdout } = await run(process.execPath, args, { timeout: 120_000, cwd: repoRoot }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    const report = JSON.parse(stdout) as { ok: boolean; signatures: { intact: boolean; trusted: boolean }[] };
    expect(report.ok).toBe(true);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ intact: true, trusted: true });
  });

  it('the render shows red seal pixels where each seal was dropped', async () => {
    expect(await inkNear(sealedPath, 1, SINGLE.x, SINGLE.y, 8, red)).toBeGreaterThan(10);
    for (const p of [1, 2, 3]) {
      expect(await inkNear(sealedPath, p, MULTI.x, MULTI.y, 8, red)).toBeGreaterThan(10);
      expect(await inkNear(sealedPath, p, 595 - 12, CROSS_Y, 10, red)).toBeGreaterThan(10);
    }
    // nothing red where nothing was dropped
    expect(await inkNear(sealedPath, 2, SINGLE.x, SINGLE.y, 8, red)).toBe(0);
  });
});

describe('验证签章', () => {
  it('shows the sealed file as valid, in Chinese', async () => {
    await page.goto(`${hall.url}/verify`);
    await page.locator('.hall-verify input[type=file]').setInputFiles(sealedPath);
    await page.getByTestId('signature-panel').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('signature-verdict').innerText()).toContain('均有效');
    const card = await page.getByTestId('signature-card').innerText();
    expect(card).toContain(demo.enterprises[0]!.unitName);
    expect(card).toContain('签章后文件未被修改');
    expect(card).toContain('证书可信');
    await settled();
    await screenshot(page, 'verify-valid');
  });

  it('flags a copy whose page content was changed after sealing', async () => {
    const altered = join(work, 'altered.pdf');
    await writeFile(altered, tamper(await readFile(sealedPath)));
    await page.locator('.hall-verify input[type=file]').setInputFiles(altered);
    await page.getByTestId('signature-verdict').filter({ hasText: '无效或存疑' }).waitFor({ timeout: 60_000 });
    const card = await page.getByTestId('signature-card').innerText();
    expect(card).toMatch(/签章后文件被修改/);
    expect(await page.getByTestId('signature-card').getAttribute('data-valid')).toBe('false');
    await settled();
    await screenshot(page, 'verify-altered');
  });
});

describe('批量盖章', () => {
  it('seals two files with the same seal and place, PIN once, and reports each', async () => {
    const a = await uploadThroughApi('批量一.pdf', makePdf(2), folderId);
    const b = await uploadThroughApi('批量二.pdf', makePdf(1), folderId);
    await page.goto(`${hall.url}/seal/batch?files=${a.fileId},${b.fileId}`);
    await page.locator('.hall-seal-page[data-page="1"]').waitFor();
    await page.getByTestId('seal-zoom').click();
    await page.locator('.ant-select-item-option[title="50%"]').click();
    await pickSealWithPin(page, demo.pin);
    await drag(lastDraft(1), centre, await screenPoint(1, 300, 300));
    await settled();
    await screenshot(page, 'sealing-batch');
    await page.getByTestId('seal-confirm').click();
    const done = page.getByTestId('seal-batch-done');
    await done.waitFor({ timeout: 90_000 });
    expect(await done.innerText()).toContain('共 2 个文件，盖章成功 2 个');
    await screenshot(page, 'sealing-batch-done');
    for (const f of [a, b]) {
      const path = join(work, `batch-${f.fileId}.pdf`);
      await writeFile(path, await download(f.fileId));
      const { stdout } = await run('pdfsig', ['-nocert', path], { timeout: 60_000 });
      expect(stdout).toContain('Signature is Valid.');
      expect(await inkNear(path, 1, 300, 300, 8, red)).toBeGreaterThan(10);
    }
  });
});

describe('盖章时的提示', () => {
  it('a file changed by someone else meanwhile: says so, stores nothing, and reloads the new version', async () => {
    await page.goto(`${hall.url}/seal/${fileId}`);
    await page.locator('.hall-seal-page[data-page="1"]').waitFor();
    const before = await page.locator('.hall-sealing .ant-card-head').innerText();
    expect(before).toContain('第 2 版');
    await pickSealWithPin(page, demo.pin);
    // meanwhile another session restores version 1, which becomes version 3
    const csrf = (await browser.context.cookies(hall.url)).find((c) => c.name === 'hall_csrf')!.value;
    const restored = await page.request.post(`${hall.url}/api/drive/files/${fileId}/versions/1/restore`, { headers: { 'x-csrf-token': csrf } });
    expect(restored.status()).toBe(200);
    await page.getByTestId('seal-confirm').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '文件已被修改' });
    await dialog.waitFor({ timeout: 60_000 });
    await settled();
    await screenshot(page, 'sealing-file-changed');
    await dialog.getByRole('button', { name: '重新加载' }).click();
    await page.locator('.hall-sealing .ant-card-head').filter({ hasText: '第 3 版' }).waitFor();
    const versions = (await (await page.request.get(`${hall.url}/api/drive/files/${fileId}/versions`)).json()) as unknown[];
    expect(versions).toHaveLength(3);
  });

  it('a wrong PIN says how many tries are left', async () => {
    const unit = demo.enterprises[0]!;
    await page.goto(`${hall.url}/seal/${fileId}`);
    await page.locator('.hall-seal-page[data-page="1"]').waitFor();
    markSoftHsmFinalTry(demo.softhsm.tokenDir, unit.tokenLabel);
    try {
      await page.getByTestId('seal-electronic').click();
      const pin = page.getByRole('dialog', { name: '输入 pin 码验证' });
      await pin.getByTestId('seal-pin').fill('000000');
      await pin.getByRole('button', { name: /确\s*定/ }).click();
      await pin.getByText('PIN 码错误，还可以尝试 1 次').waitFor();
      await settled();
      await screenshot(page, 'sealing-wrong-pin');
      await pin.getByRole('button', { name: /取\s*消/ }).click();
    } finally {
      setSoftHsmTokenFlags(demo.softhsm.tokenDir, unit.tokenLabel, { clear: 0x70000 });
    }
  });

  it('without the key agent, says to start it (KGClientServer.exe in the manual) and click 电子签章 again', async () => {
    await agent.stop();
    await page.getByTestId('seal-electronic').click();
    const guide = page.getByTestId('seal-agent-missing');
    await guide.waitFor();
    const text = await guide.innerText();
    expect(text).toContain('KGClientServer.exe');
    expect(text).toContain('再重新点击右上角的「电子签章」');
    await settled();
    await screenshot(page, 'sealing-agent-missing');
  });
});
