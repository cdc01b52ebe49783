// 发起盖章、签名 through the HTTP API on a real database: enterprise A seals and invites
// enterprise B (its own CA key) and person C (ID + SMS code, drawn signature signed with an event
// certificate); the final file carries every signature intact. Then the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { personFromCertificate, type IssuedCertificate } from '@hall/pki';
import { verify } from '@hall/pdf-seal';
import { PNG } from 'pngjs';
import { idNumberCheckChar } from '@hall/shared/identifiers';
import { X509Certificate } from 'node:crypto';
import { persons, signingParties, smsCodes } from '../src/db/schema.ts';
import { defaultSignatureCentre } from '../src/person-signing/sign-file-as-person.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { createTestPki, download, enterpriseOf, keySign, makePdf, pdfsig, personSigningEnv, uploadPdf, type TestPki } from './sealing-helpers.ts';

let t: TestApp;
let pki: TestPki;
let work: string;
let alice: SignedIn;
let bob: SignedIn;
let aliceCert: IssuedCertificate;
let bobCert: IssuedCertificate;
let bobUnit: { creditCode: string; unitName: string };

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const C = { name: '王小明', idNumber: '11010519491231002X', phone: '13912345678' };
const D = { name: '赵丽', idNumber: '360203199001011231', phone: '13712345679' };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hall-invitations-test-'));
  pki = await createTestPki(work);
  t = await buildTestApp({
    ...(await personSigningEnv(pki, work)),
    PUBLIC_ORIGIN: 'https://hall.example.cn',
  });
  alice = await signIn(t.app, { unitName: '景德镇市甲建设有限公司' });
  bob = await signIn(t.app, { unitName: '景德镇市乙设计有限公司' });
  const a = await enterpriseOf(t.app, alice);
  bobUnit = await enterpriseOf(t.app, bob);
  aliceCert = await pki.certificateFor(a.creditCode, a.unitName);
  bobCert = await pki.certificateFor(bobUnit.creditCode, bobUnit.unitName);
});
afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

const inject = (method: 'GET' | 'POST', url: string, who?: SignedIn, payload?: object, ip = '10.0.0.1') =>
  t.app.inject({ method, url, headers: who?.headers ?? visitor, payload, remoteAddress: ip });
// The phone's page has the CSRF cookie from its first GET, and echoes it.
const visitor = { cookie: 'hall_csrf=phone-csrf', 'x-csrf-token': 'phone-csrf' };

function sealBody(cert: IssuedCertificate, version: number) {
  return { version, certificate: b64(cert.certificate), chain: cert.chain.map(b64), placements: [{ kind: 'seal', pages: [1], x: 200 + version * 40, y: 500, seal: { png: b64(pki.sealPng), widthMm: 36 } }] };
}

async function sealOwn(fileId: string) {
  const prepared = await inject('POST', `/api/sealing/${fileId}/prepare`, alice, sealBody(aliceCert, 1));
  expect(prepared.statusCode, prepared.body).toBe(200);
  const { operationId, digest } = prepared.json() as { operationId: string; digest: string };
  const done = await inject('POST', `/api/sealing/operations/${operationId}/finish`, alice, { signature: keySign(aliceCert, digest) });
  expect(done.statusCode, done.body).toBe(200);
}

async function outbox(phone: string) {
  const res = await inject('GET', `/api/dev/sms?phone=${phone}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { text: string; template: string; params: Record<string, string> }[];
}

const tokenOf = (link: string) => link.split('/').pop()!;

interface CreatedParty { id: string; kind: string; link: string; status: string }

async function invite(fileId: string, parties: object[]): Promise<{ id: string; parties: CreatedParty[] }> {
  const res = await inject('POST', '/api/invitations', alice, { fileId, projectName: '景德镇陶瓷文化中心项目', parties });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; parties: CreatedParty[] };
}

const enterpriseParty = () => ({ kind: 'enterprise', unitName: bobUnit.unitName, creditCode: bobUnit.creditCode, contactName: '刘工', phone: '13800001111' });
const personParty = (p = C) => ({ kind: 'person', ...p });

/** The person's whole path from the link: ID + SMS code, then the drawn signature. */
async function personSigns(link: string, who = C, ip = '10.0.0.2') {
  const started = await inject('POST', `/api/invite/${tokenOf(link)}/person-link`);
  expect(started.statusCode, started.body).toBe(201);
  const mobile = (started.json() as { token: string }).token;
  const code = await inject('POST', `/api/m/${mobile}/code`, undefined, who, ip);
  expect(code.statusCode, code.body).toBe(200);
  const sms = (await outbox(who.phone))[0]!;
  const verified = await inject('POST', `/api/m/${mobile}/verify`, undefined, { code: sms.params.code! });
  expect(verified.statusCode, verified.body).toBe(200);
  return { mobile, submit: () => inject('POST', `/api/m/${mobile}/signature`, undefined, { png: b64(pki.sealPng) }) };
}

/** Page 1 at 72 dpi (a pixel a point), as poppler renders it. */
async function renderPage(path: string): Promise<PNG> {
  execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-singlefile', '-png', path, `${path}-p1`], { timeout: 60_000 });
  return PNG.sync.read(readFileSync(`${path}-p1.png`));
}

function redAround(png: PNG, x: number, y: number, r: number): number {
  let red = 0;
  for (let py = Math.round(y - r); py < y + r; py++) {
    for (let px = Math.round(x - r); px < x + r; px++) {
      const i = (py * png.width + px) * 4;
      if (png.data[i]! > 150 && png.data[i + 1]! < 110 && png.data[i + 2]! < 110) red++;
    }
  }
  return red;
}

async function checkFinal(fileId: string, name: string) {
  const bytes = await download(t.app, alice, fileId);
  const path = join(work, name);
  writeFileSync(path, bytes);
  return { sig: await pdfsig(path), report: await verify(path, { trustAnchors: [pki.root.certificate] }) };
}

describe('requests to others', () => {
  it('A seals and invites B and C; B seals with its key, C signs by ID + SMS; A gets the final file', async () => {
    const { fileId } = await uploadPdf(t.app, alice, '竣工验收报告.pdf', makePdf(2));
    await sealOwn(fileId);
    const created = await invite(fileId, [enterpriseParty(), personParty()]);
    expect(created.parties.map((p) => p.status)).toEqual(['pending', 'pending']);
    for (const p of created.parties) expect(p.link).toMatch(/^https:\/\/hall\.example\.cn\/invite\/[A-Za-z0-9_-]{43}$/);

    // the SMS in the manual's wording, with the project and the link
    const [toB] = await outbox('13800001111');
    expect(toB!.text).toBe(`【景德镇市工程建设项目审批管理系统】您好，您的项目名称：景德镇陶瓷文化中心项目正在办理在线盖章业务，请尽快使用电脑打开以下链接<${created.parties[0]!.link}>，完成在线盖章业务。`);
    expect((await outbox(C.phone))[0]!.text).toContain('正在办理在线签名业务');

    // B: logged in with its own key → sees the file, seals it
    const bToken = tokenOf(created.parties[0]!.link);
    expect((await inject('GET', `/api/invite/${bToken}`)).json()).toMatchObject({ kind: 'enterprise', status: 'pending', partyName: bobUnit.unitName, initiator: '景德镇市甲建设有限公司' });
    const landing = (await inject('GET', `/api/invite/${bToken}`, bob)).json() as { fileVersion: number; loggedInAsParty: boolean };
    expect(landing).toMatchObject({ fileVersion: 2, loggedInAsParty: true });
    expect((await inject('GET', `/api/invite/${bToken}/content`, bob)).headers['content-type']).toBe('application/pdf');
    const prepared = await inject('POST', `/api/invite/${bToken}/prepare`, bob, sealBody(bobCert, 2));
    expect(prepared.statusCode, prepared.body).toBe(200);
    const { operationId, digest } = prepared.json() as { operationId: string; digest: string };
    const finished = await inject('POST', `/api/invite/${bToken}/finish`, bob, { operationId, signature: keySign(bobCert, digest) });
    expect(finished.statusCode, finished.body).toBe(200);
    expect(finished.json()).toEqual({ version: 3 });

    // C: ID + SMS code, draws, signs
    const c = await personSigns(created.parties[1]!.link);
    const signed = await c.submit();
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toEqual({ state: 'done', version: 4 });

    const list = (await inject('GET', `/api/invitations?fileId=${fileId}`, alice)).json() as { parties: { statusLabel: string; resultVersion: number }[] }[];
    expect(list[0]!.parties.map((p) => p.statusLabel)).toEqual(['已盖章', '已签名']);

    const { sig, report } = await checkFinal(fileId, 'final.pdf');
    expect(sig).toHaveLength(3);
    expect(sig.every((s) => s.valid)).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.trusted)).toEqual([true, true, true]);
    expect(report.signatures[2]!.signer!.subject).toContain('王小明');

    // the event certificate names C; its key is stored encrypted, and the drawn image is kept
    const [person] = await t.app.db.select().from(persons).where(eq(persons.idNumber, C.idNumber));
    expect(personFromCertificate(Buffer.from(person!.certificate, 'base64'))).toEqual({ name: C.name, idNumber: C.idNumber });
    expect(person!.encryptedKey).not.toContain('PRIVATE');
    expect(person!.signatureBlob).toMatch(/^[0-9a-f]{64}$/);
    expect(new X509Certificate(Buffer.from(person!.certificate, 'base64')).issuer).toContain('测试事件证书 CA');

    // a done link is spent
    expect((await inject('POST', `/api/invite/${bToken}/prepare`, bob, sealBody(bobCert, 4))).json()).toMatchObject({ code: 'INVITATION_DONE' });
    expect((await inject('POST', `/api/m/${c.mobile}/signature`, undefined, { png: b64(pki.sealPng) })).json()).toMatchObject({ code: 'LINK_INVALID' });
  });

  it('validates the parties: check digits and mainland mobile numbers', async () => {
    const { fileId } = await uploadPdf(t.app, alice, '申请表.pdf', makePdf(1));
    const res = await inject('POST', '/api/invitations', alice, {
      fileId,
      projectName: '测试项目',
      parties: [
        { kind: 'enterprise', unitName: '某公司', creditCode: '91350100M000100Y44', contactName: '刘工', phone: '12800001111' },
        { kind: 'person', name: '王小明', idNumber: '110105194912310021', phone: '13912345678' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(['parties[0].creditCode', 'parties[0].phone', 'parties[1].idNumber']);
  });
});

describe('refusals', () => {
  let fileId: string;
  beforeAll(async () => {
    ({ fileId } = await uploadPdf(t.app, alice, '拒绝测试.pdf', makePdf(1)));
  });

  it("B's link opened with A's key is refused", async () => {
    const created = await invite(fileId, [enterpriseParty()]);
    const token = tokenOf(created.parties[0]!.link);
    expect((await inject('GET', `/api/invite/${token}`, alice)).json()).toMatchObject({ code: 'INVITATION_WRONG_UNIT' });
    const prepared = await inject('POST', `/api/invite/${token}/prepare`, alice, sealBody(aliceCert, 1));
    expect(prepared.statusCode).toBe(403);
    expect(prepared.json()).toMatchObject({ code: 'INVITATION_WRONG_UNIT' });
    // B logged in but sealing with A's certificate: the key must be the invited unit's too
    const wrongKey = await inject('POST', `/api/invite/${token}/prepare`, bob, sealBody(aliceCert, 1));
    expect(wrongKey.statusCode).toBe(403);
    expect((await inject('GET', `/api/invite/${token}/content`, alice)).statusCode).toBe(403);
  });

  it('an unknown, expired or revoked link shows nothing', async () => {
    expect((await inject('GET', `/api/invite/${randomBytes(32).toString('base64url')}`)).statusCode).toBe(404);
    expect((await inject('GET', '/api/invite/not-a-token')).statusCode).toBe(404);
    const created = await invite(fileId, [personParty(), enterpriseParty()]);
    const [p, e] = created.parties;
    await t.app.db.update(signingParties).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signingParties.id, p!.id));
    const expired = await inject('GET', `/api/invite/${tokenOf(p!.link)}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: 'INVITATION_EXPIRED' });
    expect((await inject('POST', `/api/invite/${tokenOf(p!.link)}/person-link`)).statusCode).toBe(410);

    const labels = async () =>
      ((await inject('GET', `/api/invitations?fileId=${fileId}`, alice)).json() as { id: string; parties: { statusLabel: string }[] }[]).find((r) => r.id === created.id)!.parties.map((x) => x.statusLabel);
    expect(await labels()).toEqual(['已过期', '待处理']);
    expect((await inject('POST', `/api/invitations/${created.id}/revoke`, bob)).statusCode).toBe(404);
    expect((await inject('POST', `/api/invitations/${created.id}/revoke`, alice)).statusCode).toBe(200);
    const revoked = await inject('GET', `/api/invite/${tokenOf(e!.link)}`, bob);
    expect(revoked.statusCode).toBe(410);
    expect(revoked.json()).toMatchObject({ code: 'INVITATION_REVOKED' });
    expect(await labels()).toEqual(['已撤销', '已撤销']);
  });

  it('a revoked request stops a verified person from signing', async () => {
    const created = await invite(fileId, [personParty(D)]);
    const d = await personSigns(created.parties[0]!.link, D, '10.0.0.9');
    await inject('POST', `/api/invitations/${created.id}/revoke`, alice);
    expect((await d.submit()).json()).toMatchObject({ code: 'LINK_INVALID' });
  });

  it('a wrong SMS code is refused, and five wrong tries kill the code', async () => {
    const who = { name: '孙强', idNumber: '360281198805050011', phone: '13612345670' };
    expect(who.idNumber).toHaveLength(18);
    const created = await invite(fileId, [personParty(who)]);
    const started = (await inject('POST', `/api/invite/${tokenOf(created.parties[0]!.link)}/person-link`)).json() as { token: string };
    // the invited identity only
    const mismatch = await inject('POST', `/api/m/${started.token}/code`, undefined, { ...who, phone: '13612345671' });
    expect(mismatch.json()).toMatchObject({ code: 'IDENTITY_MISMATCH' });
    const badId = await inject('POST', `/api/m/${started.token}/code`, undefined, { ...who, idNumber: '360281198805050012' });
    expect(badId.statusCode).toBe(400);
    expect((await inject('POST', `/api/m/${started.token}/code`, undefined, who, '10.0.0.3')).statusCode).toBe(200);
    // a second code within the minute is refused
    expect((await inject('POST', `/api/m/${started.token}/code`, undefined, who, '10.0.0.3')).json()).toMatchObject({ code: 'SMS_RATE_LIMITED' });
    const real = (await outbox(who.phone))[0]!.params.code!;
    const wrong = real === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const res = await inject('POST', `/api/m/${started.token}/verify`, undefined, { code: wrong });
      expect(res.json()).toMatchObject({ code: 'SMS_CODE_INVALID', triesLeft: 5 - i });
    }
    expect((await inject('POST', `/api/m/${started.token}/verify`, undefined, { code: wrong })).json()).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
    // the right code no longer helps: the code is dead
    expect((await inject('POST', `/api/m/${started.token}/verify`, undefined, { code: real })).json()).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
    expect((await inject('POST', `/api/m/${started.token}/signature`, undefined, { png: b64(pki.sealPng) })).json()).toMatchObject({ code: 'IDENTITY_NOT_VERIFIED' });
  });

  it('resending an SMS is rate-limited and gives a fresh link', async () => {
    const created = await invite(fileId, [enterpriseParty()]);
    const party = created.parties[0]!;
    expect((await inject('POST', `/api/invitations/parties/${party.id}/resend`, alice)).json()).toMatchObject({ code: 'SMS_RATE_LIMITED' });
    await t.app.db.update(signingParties).set({ smsSentAt: new Date(Date.now() - 120_000) }).where(eq(signingParties.id, party.id));
    const resent = await inject('POST', `/api/invitations/parties/${party.id}/resend`, alice);
    expect(resent.statusCode, resent.body).toBe(200);
    const fresh = (resent.json() as { link: string; smsCount: number });
    expect(fresh.smsCount).toBe(2);
    expect(fresh.link).not.toBe(party.link);
    expect((await inject('GET', `/api/invite/${tokenOf(party.link)}`)).statusCode).toBe(404);
    expect((await inject('GET', `/api/invite/${tokenOf(fresh.link)}`)).statusCode).toBe(200);
  });

  it('two parties confirming at the same moment: both signatures present and valid', async () => {
    const { fileId: shared } = await uploadPdf(t.app, alice, '并发.pdf', makePdf(1));
    const created = await invite(shared, [personParty(C), personParty(D)]);
    // earlier tests sent codes to these numbers within the minute
    await t.app.db.update(smsCodes).set({ createdAt: new Date(Date.now() - 120_000) });
    const c = await personSigns(created.parties[0]!.link, C, '10.0.1.1');
    const d = await personSigns(created.parties[1]!.link, D, '10.0.1.2');
    const [rc, rd] = await Promise.all([c.submit(), d.submit()]);
    expect([rc.statusCode, rd.statusCode]).toEqual([200, 200]);
    expect([(rc.json() as { version: number }).version, (rd.json() as { version: number }).version].sort()).toEqual([2, 3]);
    const { sig, report } = await checkFinal(shared, 'concurrent.pdf');
    expect(sig).toHaveLength(2);
    expect(sig.every((s) => s.valid)).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.signer!.subject).sort().join()).toMatch(/王小明.*赵丽|赵丽.*王小明/);
  });

  it('ten persons confirming at the same moment follow one another: all ten signatures land, each valid', async () => {
    const { fileId: shared } = await uploadPdf(t.app, alice, '十人会签.pdf', makePdf(1));
    const people = Array.from({ length: 10 }, (_, i) => {
      const first17 = `36020319850101${String(500 + i)}`;
      return { name: `${'王李张刘陈杨赵黄周吴'[i]}会签`, idNumber: `${first17}${idNumberCheckChar(first17)}`, phone: `1370000${String(1000 + i)}` };
    });
    const created = await invite(shared, people.map((p) => personParty(p)));
    const ready = [];
    for (const [i, p] of created.parties.entries()) ready.push(await personSigns(p.link, people[i]!, `10.0.2.${i + 1}`));
    const results = await Promise.all(ready.map((r) => r.submit()));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(results.map((r) => (r.json() as { version: number }).version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const { sig, report } = await checkFinal(shared, 'ten.pdf');
    expect(sig).toHaveLength(10);
    expect(sig.every((s) => s.valid)).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.signer!.subject).join()).toContain('吴会签');
    // each took its own slot at the bottom right, none on top of another: a seal's red star at every slot's centre
    const page = await renderPage(join(work, 'ten.pdf'));
    for (let i = 0; i < 10; i++) {
      const { x, y } = defaultSignatureCentre({ width: 595, height: 842 }, i, 36 * (72 / 25.4)); // the test's signature is a round seal: as tall as wide
      expect(redAround(page, x, y, 6), `slot ${i}`).toBeGreaterThan(10);
    }
  });
});
