// The hall's frame as the manual shows it: the header, breadcrumb and right-hand sidebar around
// the login page, the fixed routes, and the health endpoint, against the real server and the
// built pages. (The PIN prompt itself needs a key agent: see login.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { startHall, type Hall } from '../support/hall.ts';

let hall: Hall;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  hall = await startHall();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

describe('the hall shell', () => {
  it('answers /api/health with every check named', async () => {
    const res = await fetch(`${hall.url}/api/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.blobStore.ok).toBe(true);
    expect(Object.keys(body.checks).sort()).toEqual(['blobStore', 'converter', 'database', 'keyAgent']);
  });

  it('sends a visitor without a session from the 法人空间 to the login page', async () => {
    await page.goto(`${hall.url}/space/drive`);
    await page.waitForURL(/\/login\?redirect=%2Fspace%2Fdrive$/);
    expect(await page.title()).toBe('景德镇市工程建设项目审批管理系统 网上办事大厅');
    await page.getByRole('button', { name: 'CA 锁登录' }).waitFor();
    expect(await page.locator('.hall-brand-title').innerText()).toBe('景德镇市工程建设项目审批管理系统');
    expect(await page.locator('.hall-brand-subtitle').innerText()).toBe('网上办事大厅');
    expect(await page.getByTestId('breadcrumb').innerText()).toMatch(/当前位置:\s*首页\s*>\s*用户登录/);
    await screenshot(page, 'shell-login');
  });

  it('shows the right-hand sidebar with the manual’s entries', async () => {
    const labels = await page.locator('.hall-right-sidebar-label').allInnerTexts();
    for (const label of ['住建云', '项目公示', '智能引导', '信息查询', '帮助中心', '问题反馈', '打印预览']) {
      expect(labels).toContain(label);
    }
    const nav = await page.getByRole('navigation', { name: '主导航' }).innerText();
    expect(nav).toContain('法人空间');
    expect(nav).toContain('帮助中心');
  });

  it('has the routes other pages link to: the signature check, the staff console, 盖章 behind the login', async () => {
    await page.goto(`${hall.url}/verify`);
    await page.getByTestId('breadcrumb').waitFor();
    expect(await page.getByTestId('breadcrumb').innerText()).not.toContain('页面不存在');
    await page.goto(`${hall.url}/staff`);
    await page.getByText('窗口人员登录').waitFor(); // the staff console asks its own login first
    await page.goto(`${hall.url}/seal/00000000-0000-4000-8000-000000000000`);
    await page.waitForURL(/\/login\?redirect=%2Fseal%2F/);
  });

  it('serves the single-page app on any page path and a JSON 404 under /api', async () => {
    const pageRes = await fetch(`${hall.url}/help`);
    expect(pageRes.status).toBe(200);
    expect(pageRes.headers.get('content-type')).toMatch(/text\/html/);
    const apiRes = await fetch(`${hall.url}/api/no-such-route`);
    expect(apiRes.status).toBe(404);
    expect(await apiRes.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
