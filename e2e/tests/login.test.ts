// The manual's chapter 1 (CA 锁登录) in Chromium against the real hall and the real key agent:
// a SoftHSM2 USB key made by the demo set-up, CA 锁登录, the PIN 111111, the unit-info popup on
// the first login, the 法人空间 home with the unit's name; logout and a second login without
// the popup; a wrong PIN and a locked key; and the guidance when the key's software is not running.
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoSetup, type Demo } from '@hall/key-agent/demo-setup';
import { lockSoftHsmUserPin, markSoftHsmFinalTry, setSoftHsmTokenFlags } from '@hall/token';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startHall, type Hall } from '../support/hall.ts';
import { freePort, startChild, waitForHttp, type Child } from '../support/process.ts';

let demoDir: string;
let demo: Demo;
let agent: Child;
let agentUrl: string;
let hall: Hall;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  demoDir = await mkdtemp(join(tmpdir(), 'hall-e2e-demo-'));
  demo = await demoSetup({ dir: demoDir });
  const agentPort = await freePort();
  agentUrl = `http://127.0.0.1:${agentPort}`;
  hall = await startHall({
    args: ['--demo'],
    env: { KEY_AGENT_URL: agentUrl },
    // the hall's --demo folder is the one the agent's token lives in
    seed: (dataDir) => symlink(demoDir, join(dataDir, 'demo')),
  });
  // The key agent for the first demo unit's USB key, accepting this hall's pages only.
  agent = startChild(
    ['--import', 'tsx', 'apps/key-agent/src/main.ts', 'serve', '--port', String(agentPort), '--origin', hall.url, '--demo', demoDir, '--token', demo.enterprises[0]!.tokenLabel],
    {},
    'key-agent',
  );
  await waitForHttp(agent, `${agentUrl}/health`, [200], 60_000, 'key-agent');
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  await agent?.stop();
  if (demoDir) await rm(demoDir, { recursive: true, force: true });
});

/** Waits for antd's open/close animations to end, so a screenshot shows the settled page. */
async function settled(): Promise<void> {
  await page.waitForFunction("document.getAnimations().every((a) => a.playState !== 'running')");
}

/** Clicks CA 锁登录 and waits for the PIN dialog, or fails with what the page said instead. */
async function clickCaLogin(): Promise<void> {
  await page.getByRole('button', { name: 'CA 锁登录' }).click();
  const dialog = page.getByRole('dialog', { name: '请输入 PIN 码' });
  const problem = page.getByTestId('login-problem').or(page.getByTestId('agent-missing'));
  await dialog.or(problem).first().waitFor();
  if (await problem.count()) throw new Error(`no PIN dialog: ${await problem.first().innerText()}`);
}

async function typePin(pin: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '请输入 PIN 码' });
  await dialog.getByPlaceholder('请输入 PIN 码').fill(pin);
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
}

async function logOut(): Promise<void> {
  await page.locator('.hall-header-logout').click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).last().click();
  await page.waitForURL(/\/login/);
  await page.getByRole('button', { name: 'CA 锁登录' }).waitFor();
  // the session is gone for the server too
  expect((await page.request.get(`${hall.url}/api/me`)).status()).toBe(401);
  await page.goto(`${hall.url}/login`);
}

describe('CA 锁登录', () => {
  it('serves the login page with the hall title and the CA 锁登录 button', async () => {
    await page.goto(`${hall.url}/login`);
    await page.getByRole('button', { name: 'CA 锁登录' }).waitFor();
    expect(await page.locator('.hall-login-title').innerText()).toContain('网上办事大厅');
    await screenshot(page, 'login-page');
  });

  it('asks for the PIN after reading the key, with the demo PIN hint', async () => {
    await clickCaLogin();
    const dialog = page.getByRole('dialog', { name: '请输入 PIN 码' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('默认 PIN 码为 111111');
    expect(await dialog.getByTestId('pin-certificate').innerText()).toBe(demo.enterprises[0]!.unitName);
    await settled();
    await screenshot(page, 'login-pin-dialog');
  });

  it('first login: 111111 → the unit-info popup, prefilled from the certificate and checked', async () => {
    const unit = demo.enterprises[0]!;
    await typePin('111111');
    const form = page.getByRole('dialog', { name: '单位信息' });
    await form.waitFor();
    expect(await form.innerText()).toContain('请填写的时候核对正确');
    expect(await form.getByLabel('单位名称').inputValue()).toBe(unit.unitName);
    expect(await form.getByLabel('统一社会信用代码').inputValue()).toBe(unit.creditCode);

    // a wrong check character is caught before anything is sent
    const wrong = unit.creditCode.slice(0, 17) + (unit.creditCode[17] === '0' ? '1' : '0');
    await form.getByLabel('统一社会信用代码').fill(wrong);
    await form.getByLabel('法定代表人').fill(unit.legalRepresentative);
    await form.getByLabel('联系电话').fill(unit.phone);
    await form.getByRole('button', { name: /确\s*定/ }).click();
    await form.getByText('统一社会信用代码不正确（应为 18 位，校验位须相符），请核对').waitFor();
    await settled();
    await screenshot(page, 'login-unit-info');

    await form.getByLabel('统一社会信用代码').fill(unit.creditCode);
    await form.getByRole('button', { name: /确\s*定/ }).click();
    await page.waitForURL(/\/space\/home$/);
    await page.locator('.hall-header-unit').getByText(unit.unitName).waitFor();
    // the 法人空间 home's profile shows what was confirmed
    await page.getByText(unit.creditCode).first().waitFor();
    await page.getByText(unit.legalRepresentative).first().waitFor();
    expect(await page.locator('.hall-profile-name').innerText()).toBe(unit.unitName);
    await screenshot(page, 'login-home');
  });

  it('after logging out, logs in again without the popup', async () => {
    await logOut();
    await clickCaLogin();
    await typePin('111111');
    await page.waitForURL(/\/space\/home$/);
    await page.locator('.hall-header-unit').getByText(demo.enterprises[0]!.unitName).waitFor();
    expect(await page.getByRole('dialog', { name: '单位信息' }).count()).toBe(0);
  });

  it('the 单位信息 page keeps the details editable, with the same checks', async () => {
    const unit = demo.enterprises[0]!;
    await page.getByTestId('profile-card').getByRole('button', { name: '单位信息' }).click();
    await page.waitForURL(/\/space\/profile$/);
    expect(await page.getByLabel('法定代表人').inputValue()).toBe(unit.legalRepresentative);
    await page.getByLabel('联系电话').fill('0798-8888888');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('单位信息已保存').waitFor();
    expect((await (await page.request.get(`${hall.url}/api/me`)).json()).enterprise.phone).toBe('0798-8888888');
    await screenshot(page, 'login-profile-page');
  });

  it('a wrong PIN says how many tries are left', async () => {
    await logOut();
    const unit = demo.enterprises[0]!;
    // (the token file is changed before the agent reads the key, never while it does)
    markSoftHsmFinalTry(demo.softhsm.tokenDir, unit.tokenLabel);
    await clickCaLogin();
    try {
      await typePin('000000');
      const error = page.getByTestId('pin-error');
      await error.waitFor();
      expect(await error.innerText()).toBe('PIN 码错误，还可以尝试 1 次');
      await screenshot(page, 'login-wrong-pin');
    } finally {
      setSoftHsmTokenFlags(demo.softhsm.tokenDir, unit.tokenLabel, { clear: 0x70000 });
    }
    await page.getByRole('dialog', { name: '请输入 PIN 码' }).getByRole('button', { name: /取\s*消/ }).click();
  });

  it('a locked key says so and is not tried', async () => {
    const unit = demo.enterprises[0]!;
    lockSoftHsmUserPin(demo.softhsm.tokenDir, unit.tokenLabel);
    await clickCaLogin();
    try {
      await typePin('111111');
      const error = page.getByTestId('pin-error');
      await error.waitFor();
      expect(await error.innerText()).toBe('CA 锁已锁定，请联系 CA 机构解锁');
    } finally {
      setSoftHsmTokenFlags(demo.softhsm.tokenDir, unit.tokenLabel, { clear: 0x70000 });
    }
    await page.getByRole('dialog', { name: '请输入 PIN 码' }).getByRole('button', { name: /取\s*消/ }).click();
  });

  it('without the key agent running, says to install and start it, then click again', async () => {
    await agent.stop();
    await page.getByRole('button', { name: 'CA 锁登录' }).click();
    const guide = page.getByTestId('agent-missing');
    await guide.waitFor();
    const text = await guide.innerText();
    expect(text).toContain('请先下载并安装 CA 数字证书驱动与签章软件控件');
    expect(text).toContain('再次点击 CA 锁登录');
    await screenshot(page, 'login-agent-missing');
    await guide.getByRole('link', { name: '下载 CA 数字证书驱动与签章软件控件' }).click();
    await page.waitForURL(/\/help\/key-agent$/);
    await page.getByTestId('key-agent-command').getByText(`npx key-agent serve --port ${new URL(agentUrl).port} --origin ${hall.url}`).waitFor();
    const download = page.getByTestId('key-agent-download');
    expect(await download.innerText()).toContain('下载');
    const archive = await fetch(new URL((await download.getAttribute('href'))!, hall.url));
    expect({ status: archive.status, type: archive.headers.get('content-type') }).toEqual({ status: 200, type: 'application/gzip' });
    expect(Buffer.from(await archive.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    await screenshot(page, 'login-key-agent-page');
  });
});
