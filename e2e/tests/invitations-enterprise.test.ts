// The whole request in Chromium: enterprise A (demo unit 1, seeded session) seals a file and
// invites enterprise B (demo unit 2, its own SoftHSM2 USB key behind the key agent) and person C.
// B opens the SMS link, logs in with its key (PIN 111111, first-login unit info) and seals; C opens
// the link in a phone-sized window, passes ID + SMS code (read from the outbox), draws and signs.
// A sees both done; the final file's signatures are all valid (pdfsig, pdfseal verify) and the
// person's names C. B's link opened in A's session is refused.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoSetup, type Demo } from '@hall/key-agent/demo-setup';
import { verify } from '@hall/pdf-seal';
import { parsePkcs12 } from '@hall/pki';
import { signDigest } from '@hall/token';
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { launchBrowser, screenshot, type Browser } from '../support/browser.ts';
import { pdfBytes } from '../support/files.ts';
import { dragLastDraftTo, pickSealWithPin } from '../support/sealing-page.ts';
import { inkNear, red } from '../support/render.ts';
import { startHall, type Hall } from '../support/hall.ts';
import { freePort, startChild, waitForHttp, type Child } from '../support/process.ts';
import { seedSignedInUnit, signInBrowser, type SeededUnit } from '../support/session.ts';

const run = promisify(execFile);
let demoDir: string;
let demo: Demo;
let hall: Hall;
let agent: Child;
let initiator: Browser;
let partner: Browser;
let a: Page;
let b: Page;
let unitA: SeededUnit;
let fileId: string;
let link: string;
let personLink: string;
const PERSON = { name: '王小明', idNumber: '11010519491231002X', phone: '13912345678' };

const csrf = async (browser: Browser) => (await browser.context.cookies(hall.url)).find((c) => c.name === 'hall_csrf')?.value ?? '';

beforeAll(async () => {
  demoDir = await mkdtemp(join(tmpdir(), 'hall-e2e-invite-demo-'));
  demo = await demoSetup({ dir: demoDir });
  const [first] = demo.enterprises;
  const agentPort = await freePort();
  hall = await startHall({
    args: ['--demo'],
    env: { KEY_AGENT_URL: `http://127.0.0.1:${agentPort}` },
    seed: async (dataDir) => {
      await symlink(demoDir, join(dataDir, 'demo'));
      unitA = await seedSignedInUnit(dataDir, { unitName: first!.unitName, creditCode: first!.creditCode, legalRepresentative: first!.legalRepresentative, phone: first!.phone, userName: '经办人' });
    },
  });
  // B's USB key on B's PC
  agent = startChild(
    ['--import', 'tsx', 'apps/key-agent/src/main.ts', 'serve', '--port', String(agentPort), '--origin', hall.url, '--demo', demoDir, '--token', demo.enterprises[1]!.tokenLabel],
    {},
    'key-agent',
  );
  await waitForHttp(agent, `http://127.0.0.1:${agentPort}/health`, [200], 60_000, 'key-agent');
  initiator = await launchBrowser();
  await signInBrowser(initiator.context, hall.url, unitA.token);
  a = await initiator.newPage();
  await a.goto(`${hall.url}/space/home`);
  partner = await launchBrowser();
  b = await partner.newPage();

  const folder = await a.request.post(`${hall.url}/api/drive/folders`, { headers: { 'x-csrf-token': await csrf(initiator) }, data: { name: '施工许可材料', code: 'SG1' } });
  const upload = await a.request.post(`${hall.url}/api/drive/folders/${((await folder.json()) as { id: string }).id}/files`, {
    headers: { 'x-csrf-token': await csrf(initiator) },
    multipart: { file: { name: '施工合同.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Construction contract') } },
  });
  fileId = ((await upload.json()) as { id: string }[])[0]!.id;
  // A seals it first (the key's signature made here from A's PKCS#12 copy, as its agent would)
  const demoA = demo.enterprises[0]!;
  const p12 = await parsePkcs12(new Uint8Array(await readFile(demoA.p12)), demoA.p12Password);
  const b64 = (x: Uint8Array) => Buffer.from(x).toString('base64');
  const prepared = await a.request.post(`${hall.url}/api/sealing/${fileId}/prepare`, {
    headers: { 'x-csrf-token': await csrf(initiator) },
    data: { version: 1, certificate: b64(p12.certificate), chain: p12.chain.map(b64), placements: [{ kind: 'seal', pages: [1], x: 150, y: 600, seal: { png: b64(await readFile(demoA.seals[0]!.png)), widthMm: 40 } }] },
  });
  expect(prepared.status(), await prepared.text()).toBe(200);
  const { operationId, digest } = (await prepared.json()) as { operationId: string; digest: string };
  const key = createPrivateKey({ key: Buffer.from(p12.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  const finished = await a.request.post(`${hall.url}/api/sealing/operations/${operationId}/finish`, {
    headers: { 'x-csrf-token': await csrf(initiator) },
    data: { signature: b64(signDigest(key, new Uint8Array(Buffer.from(digest, 'base64')))) },
  });
  expect(finished.status(), await finished.text()).toBe(200);

  const unitB = demo.enterprises[1]!;
  const invited = await a.request.post(`${hall.url}/api/invitations`, {
    headers: { 'x-csrf-token': await csrf(initiator) },
    data: { fileId, projectName: '景德镇市民中心项目', parties: [{ kind: 'enterprise', unitName: unitB.unitName, creditCode: unitB.creditCode, contactName: unitB.legalRepresentative, phone: unitB.phone }, { kind: 'person', ...PERSON }] },
  });
  expect(invited.status()).toBe(201);
  [link, personLink] = ((await invited.json()) as { parties: { link: string }[] }).parties.map((p) => p.link);
});

afterAll(async () => {
  await partner?.close();
  await initiator?.close();
  await hall?.stop();
  await agent?.stop();
  if (demoDir) await rm(demoDir, { recursive: true, force: true });
});

describe('an invited enterprise seals with its own key', () => {
  it("refuses B's link in A's session", async () => {
    await a.goto(link);
    await a.getByText('不能使用当前 CA 锁盖章').waitFor();
    expect(await a.locator('.ant-result-subtitle').innerText()).toContain('统一社会信用代码不符');
    await screenshot(a, 'invite-wrong-unit');
  });

  it('B opens the SMS link, logs in with its key and seals', async () => {
    const unitB = demo.enterprises[1]!;
    const sms = (await (await fetch(`${hall.url}/api/dev/sms?phone=${unitB.phone}`)).json()) as { text: string }[];
    expect(sms[0]!.text).toContain(link);
    await b.goto(link);
    await b.getByText(`请插入 ${unitB.unitName} 的 CA 锁`).waitFor();
    await screenshot(b, 'invite-landing-enterprise');
    await b.getByRole('button', { name: 'CA 锁登录' }).click();
    await b.waitForURL(/\/login/);
    await b.getByRole('button', { name: 'CA 锁登录' }).click();
    const pin = b.getByRole('dialog', { name: '请输入 PIN 码' });
    await pin.getByPlaceholder('请输入 PIN 码').fill('111111');
    await pin.getByRole('button', { name: /确\s*定/ }).click();
    const form = b.getByRole('dialog', { name: '单位信息' });
    await form.waitFor();
    await form.getByLabel('法定代表人').fill(unitB.legalRepresentative);
    await form.getByLabel('联系电话').fill(unitB.phone);
    await form.getByRole('button', { name: /确\s*定/ }).click();
    await b.waitForURL(/\/invite\//);
    await b.getByText(`已使用 ${unitB.unitName} 的 CA 锁登录`).waitFor();
    await b.getByRole('button', { name: '电子签章' }).click();
    await b.waitForURL(/\/seal\/invite\//);
    // the same sealing page as for the unit's own files: 电子签章 → PIN → 选择印章 → drag → 确定
    const sheet = b.locator('.hall-seal-page[data-page="1"]');
    await sheet.locator('canvas').waitFor();
    await b.getByText(`${unitA.unitName} 邀请盖章`).waitFor();
    await pickSealWithPin(b, '111111');
    await dragLastDraftTo(b, 1, 420, 600);
    await screenshot(b, 'invite-party-sealing');
    await b.getByTestId('seal-confirm').click();
    await b.getByText('盖章成功').waitFor({ timeout: 60_000 });
  });

  it('C opens the link on a phone, passes ID + SMS, draws and signs', async () => {
    const phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const p = await phone.newPage();
      await p.goto(personLink);
      await p.getByRole('button', { name: '在本机签名' }).click();
      await p.waitForURL(/\/m\/sign\//);
      await p.getByLabel('身份证号').fill(PERSON.idNumber);
      await p.getByLabel('手机号码').fill(PERSON.phone);
      await p.getByRole('button', { name: '获取验证码' }).click();
      await p.getByLabel('短信验证码').waitFor();
      const [sms] = (await (await fetch(`${hall.url}/api/dev/sms?phone=${PERSON.phone}`)).json()) as { params: { code: string } }[];
      await p.getByLabel('短信验证码').fill(sms!.params.code);
      await p.getByRole('button', { name: '验证' }).click();
      const box = (await p.getByTestId('signature-canvas').boundingBox())!;
      await p.mouse.move(box.x + 40, box.y + 120);
      await p.mouse.down();
      for (let i = 1; i <= 15; i++) await p.mouse.move(box.x + 40 + i * 16, box.y + 120 + Math.sin(i / 2) * 50, { steps: 2 });
      await p.mouse.up();
      await p.getByRole('button', { name: '提交签名' }).click();
      await p.getByText('签名成功').waitFor({ timeout: 60_000 });
      await screenshot(p, 'invite-person-done-mobile');
    } finally {
      await phone.close();
    }
  });

  it('A sees both done; every signature of the final file is valid and the person’s names C', async () => {
    await a.goto(`${hall.url}/space/sign-requests?fileId=${fileId}`);
    await a.getByTestId(`party-status-${demo.enterprises[1]!.unitName}`).filter({ hasText: '已盖章' }).waitFor();
    await a.getByTestId(`party-status-${PERSON.name}`).filter({ hasText: '已签名' }).waitFor();
    await screenshot(a, 'invite-enterprise-done');
    const res = await a.request.get(`${hall.url}/api/drive/files/${fileId}/content`);
    const path = join(demoDir, 'sealed-by-b.pdf');
    await writeFile(path, await res.body());
    const { stdout } = await run('pdfsig', ['-nocert', path], { timeout: 60_000 });
    expect(stdout).not.toMatch(/Signature Validation: (?!Signature is Valid)/);
    const report = await verify(path);
    expect(report.ok).toBe(true);
    const signers = report.signatures.map((x) => x.signer!.subject);
    expect(signers).toHaveLength(3);
    expect(signers[0]).toContain(demo.enterprises[0]!.unitName);
    expect(signers.slice(1).join(' ')).toContain(demo.enterprises[1]!.unitName);
    expect(signers.slice(1).join(' ')).toContain(PERSON.name);
    // A's seal where A put it, B's where B dragged it on the sealing page
    expect(await inkNear(path, 1, 150, 600, 8, red)).toBeGreaterThan(10);
    expect(await inkNear(path, 1, 420, 600, 8, red)).toBeGreaterThan(10);
  });
});
