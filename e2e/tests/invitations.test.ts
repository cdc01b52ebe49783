// 发起盖章、签名 and 扫码签名 in Chromium: the initiator adds parties (新增, a person and an
// enterprise), 确定 shows the links and sends the SMS (read here from the outbox); the person opens
// the link in a phone-sized window, proves who they are (姓名, 身份证号, SMS code), draws the
// signature with the pointer and signs; the initiator sees 已签名 and the file's new version carries
// a valid signature naming the person. Then the sealing page's 签名: the phone signs, the desktop
// sees it at once (server-sent events), and it is dragged into place like a seal.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createIssuingCa, createRootCa, pemBundle, toPem } from '@hall/pki';
import { verify } from '@hall/pdf-seal';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { pdfBytes } from '../support/files.ts';
import { dragLastDraftTo } from '../support/sealing-page.ts';
import { dark, inkNear } from '../support/render.ts';
import { startHall, type Hall } from '../support/hall.ts';
import { seedSignedInUnit, signInBrowser, type SeededUnit } from '../support/session.ts';

const run = promisify(execFile);
const PERSON = { name: '王小明', idNumber: '11010519491231002X', phone: '13912345678' };
const SIGNER = { name: '张建国', idNumber: '360203199001011231', phone: '13512345678' };
const PARTNER = { unitName: '江西省景德镇市建筑设计院有限公司', creditCode: '913602001582700161', contactName: '李文华', phone: '13800001111' };

let hall: Hall;
let desktop: Browser;
let phone: Browser;
let page: Page;
let unit: SeededUnit;
let work: string;
let fileId: string;

async function csrf(): Promise<string> {
  return (await desktop.context.cookies(hall.url)).find((c) => c.name === 'hall_csrf')?.value ?? '';
}

async function smsCode(phoneNumber: string): Promise<string> {
  const res = await fetch(`${hall.url}/api/dev/sms?phone=${phoneNumber}`);
  const [latest] = (await res.json()) as { template: string; params: { code?: string } }[];
  expect(latest!.template).toBe('verification-code');
  return latest!.params.code!;
}

async function draw(p: Page) {
  const box = (await p.getByTestId('signature-canvas').boundingBox())!;
  await p.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await p.mouse.down();
  for (let i = 1; i <= 20; i++) await p.mouse.move(box.x + 30 + i * 12, box.y + box.height * (0.6 - Math.sin(i / 3) * 0.3), { steps: 2 });
  await p.mouse.up();
}

/** The phone page: identity, SMS code, drawing, submit. */
async function signOnPhone(p: Page, shot: string, who = PERSON) {
  await p.getByLabel('姓名').fill(who.name);
  await p.getByLabel('身份证号').fill(who.idNumber);
  await p.getByLabel('手机号码').fill(who.phone);
  await p.getByRole('button', { name: '获取验证码' }).click();
  await p.getByLabel('短信验证码').waitFor();
  await p.getByLabel('短信验证码').fill(await smsCode(who.phone));
  await screenshot(p, `${shot}-verify`);
  await p.getByRole('button', { name: '验证' }).click();
  await p.getByText('请在下方框内手写签名').waitFor();
  await draw(p);
  await screenshot(p, `${shot}-draw`);
  await p.getByRole('button', { name: '提交签名' }).click();
}

async function downloadCurrent(name: string): Promise<string> {
  const res = await page.request.get(`${hall.url}/api/drive/files/${fileId}/content`);
  const path = join(work, name);
  await writeFile(path, await res.body());
  return path;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'hall-e2e-invite-'));
  const root = await createRootCa({ commonName: 'e2e 根 CA' });
  const issuing = await createIssuingCa(root, { commonName: 'e2e 事件证书 CA' });
  await writeFile(join(work, 'event-ca.pem'), pemBundle([issuing.certificate, root.certificate]));
  await writeFile(join(work, 'event-ca.key'), toPem(issuing.privateKeyPkcs8, 'PRIVATE KEY'));
  hall = await startHall({
    env: {
      SMS_OUTBOX_API: 'true',
      HALL_MASTER_KEY: randomBytes(32).toString('base64'),
      EVENT_CA_CERT: join(work, 'event-ca.pem'),
      EVENT_CA_KEY: join(work, 'event-ca.key'),
    },
    seed: async (dir) => {
      unit = await seedSignedInUnit(dir);
    },
  });
  desktop = await launchBrowser();
  await signInBrowser(desktop.context, hall.url, unit.token);
  page = await desktop.newPage();
  await page.goto(`${hall.url}/space/home`);
  phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
  const created = await page.request.post(`${hall.url}/api/drive/folders`, { headers: { 'x-csrf-token': await csrf() }, data: { name: '竣工验收材料', code: 'YS1' } });
  expect(created.status()).toBe(201);
  const folder = (await created.json()) as { id: string };
  const res = await page.request.post(`${hall.url}/api/drive/folders/${folder.id}/files`, {
    headers: { 'x-csrf-token': await csrf() },
    multipart: { file: { name: '竣工验收报告.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Completion acceptance report') } },
  });
  expect(res.status()).toBe(201);
  fileId = ((await res.json()) as { id: string }[])[0]!.id;
});

afterAll(async () => {
  await phone?.close();
  await desktop?.close();
  await hall?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('发起盖章、签名', () => {
  let personLink: string;

  it('adds a person and an enterprise with 新增; 确定 shows each link and sends the SMS', async () => {
    await page.goto(`${hall.url}/space/sign-requests?fileId=${fileId}&new=1`);
    const dialog = page.getByRole('dialog', { name: '发起盖章、签名' });
    await dialog.getByLabel('项目名称').fill('景德镇陶瓷文化中心项目');
    const first = dialog.locator('.invite-party').nth(0);
    await first.getByText('个人', { exact: true }).click();
    await first.getByLabel('姓名').fill(PERSON.name);
    await first.getByLabel('身份证号').fill('110105194912310021');
    await first.getByLabel('手机号码').fill(PERSON.phone);
    await dialog.getByRole('button', { name: '新增' }).click();
    const second = dialog.locator('.invite-party').nth(1);
    await second.getByLabel('单位名称').fill(PARTNER.unitName);
    await second.getByLabel('统一社会信用代码').fill(PARTNER.creditCode);
    await second.getByLabel('联系人').fill(PARTNER.contactName);
    await second.getByLabel('手机号码').fill(PARTNER.phone);
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('身份证号码不正确').waitFor();
    await screenshot(page, 'invitations-dialog-invalid');
    await first.getByLabel('身份证号').fill(PERSON.idNumber);
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('已发送短信').waitFor();
    await screenshot(page, 'invitations-dialog-links');
    const links = await dialog.locator('.invite-link').evaluateAll((els) => els.map((el) => el.getAttribute('data-link') ?? ''));
    expect(links).toHaveLength(2);
    personLink = links[0]!;
    expect(personLink).toMatch(new RegExp(`^${hall.url}/invite/[A-Za-z0-9_-]{43}$`));

    const sms = (await (await fetch(`${hall.url}/api/dev/sms?phone=${PARTNER.phone}`)).json()) as { text: string }[];
    expect(sms[0]!.text).toBe(`【景德镇市工程建设项目审批管理系统】您好，您的项目名称：景德镇陶瓷文化中心项目正在办理在线盖章业务，请尽快使用电脑打开以下链接<${links[1]}>，完成在线盖章业务。`);
    await dialog.getByRole('button', { name: '完成' }).click();
    await page.getByTestId(`party-status-${PERSON.name}`).filter({ hasText: '待处理' }).waitFor();
    await page.getByTestId(`party-status-${PARTNER.unitName}`).filter({ hasText: '待处理' }).waitFor();
  });

  it('the person opens the link on a phone, passes ID + SMS, draws and signs', async () => {
    const p = await phone.newPage();
    await p.goto(personLink);
    await p.getByText('请先验证身份').waitFor();
    await screenshot(p, 'invite-landing-person-mobile');
    await p.getByRole('button', { name: '在本机签名' }).click();
    await p.waitForURL(/\/m\/sign\//);
    await signOnPhone(p, 'mobile-sign-party');
    await p.getByText('签名成功').waitFor();
    await screenshot(p, 'mobile-sign-party-done');
    // the link's signing page is spent
    await p.reload();
    await p.getByText('链接无效或已失效').waitFor();
  });

  it('the initiator sees 已签名 and the new version carries the person’s valid signature', async () => {
    await page.reload();
    await page.getByTestId(`party-status-${PERSON.name}`).filter({ hasText: '已签名' }).waitFor();
    await screenshot(page, 'invitations-status');
    const path = await downloadCurrent('signed-by-person.pdf');
    const { stdout } = await run('pdfsig', ['-nocert', path], { timeout: 60_000 });
    expect(stdout).toContain('Signature is Valid');
    const report = await verify(path);
    expect(report.ok).toBe(true);
    expect(report.signatures.at(-1)!.signer!.subject).toContain(PERSON.name);
  });
});

describe('短信发件箱', () => {
  it('shows the messages the outbox kept, on a development page', async () => {
    await page.goto(`${hall.url}/dev/sms`);
    await page.getByText('正在办理在线盖章业务').first().waitFor();
    await page.getByText(/您的验证码为\d{6}/).first().waitFor();
    await screenshot(page, 'dev-sms-outbox');
  });
});

describe('扫码签名 on the sealing page', () => {
  it('签名 shows the QR code; the phone signs; the desktop gets it at once, it is dragged into place and 确定 signs', async () => {
    await page.goto(`${hall.url}/seal/${fileId}`);
    const sheet = page.locator('.hall-seal-page[data-page="1"]');
    await sheet.locator('canvas').waitFor();
    await page.getByTestId('seal-phone-sign').click();
    const dialog = page.getByRole('dialog', { name: '签名（手机扫码）' });
    await dialog.getByTestId('signature-qr').waitFor();
    await screenshot(page, 'phone-sign-qr');
    const url = await dialog.getByTestId('signature-url').innerText();
    const p = await phone.newPage();
    await p.goto(url.trim());
    await signOnPhone(p, 'mobile-sign-qr', SIGNER);
    await p.getByText('签名已提交').waitFor();
    // pushed to the desktop (server-sent events): no reload, no polling
    await dialog.getByTestId('signature-image').waitFor();
    await screenshot(page, 'phone-sign-received');
    await dialog.getByRole('button', { name: '放置签名' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('seal-draft').filter({ hasText: `签名「${SIGNER.name}」 第 1 页` }).waitFor();

    // drag it from mid-page to (150, 300) points from the top-left, like a seal
    await dragLastDraftTo(page, 1, 150, 300);
    await screenshot(page, 'phone-sign-placed');
    await page.getByTestId('seal-confirm').click();
    await page.getByText('签名成功').waitFor({ timeout: 60_000 });

    const path = await downloadCurrent('signed-twice.pdf');
    const report = await verify(path);
    expect(report.ok).toBe(true);
    expect(report.signatures).toHaveLength(2);
    expect(report.signatures[1]!.signer!.subject).toContain(SIGNER.name);
    // the ink is where it was dropped, not where it first appeared
    expect(await inkNear(path, 1, 150, 300, 45, dark)).toBeGreaterThan(30);
    expect(await inkNear(path, 1, 297, 421, 45, dark)).toBe(0);
    // the QR link is single use
    await p.goto(url.trim());
    await p.getByText('链接无效或已失效').waitFor();
  });
});
