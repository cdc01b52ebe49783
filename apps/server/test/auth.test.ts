// CA-key login against a real database: certificates made by @hall/pki here, signatures made
// by a real @hall/token soft token (the same digest signing the key agent does), the demo-style
// CA as trust anchor with a CRL, and every refusal answered with its code and Chinese message.
import { X509Certificate, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as pkijs from 'pkijs';
import {
  createCrl,
  createIssuingCa,
  createRootCa,
  createTimestampRequest,
  exportPkcs12,
  issueEnterpriseCertificate,
  issuePersonCertificate,
  issueTsaCertificate,
  pemBundle,
  toPem,
  type CaMaterial,
  type IssuedCertificate,
} from '@hall/pki';
import { openP12Token } from '@hall/token';
import { auditLog, loginChallenges, userCertificates } from '../src/db/schema.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { randomCreditCode } from './support/session.ts';

const ORIGIN = 'http://hall.test';
const FOREIGN = 'http://evil.test';
const PIN = '111111';
const day = 86_400_000;

let t: TestApp;
let dir: string;
let issuing: CaMaterial;
let alpha: IssuedCertificate; // RSA unit
let beta: IssuedCertificate; // ECDSA unit
let revoked: IssuedCertificate;
let expired: IssuedCertificate;
let notYet: IssuedCertificate;
let stranger: IssuedCertificate; // issued by a CA nobody trusts
let person: IssuedCertificate; // a person's certificate: no unit in it
let crlServer: Server; // the CA's CRL publication point (CRL distribution point URL)
let crlServed: Uint8Array = new Uint8Array();
let dpGood: IssuedCertificate; // issued by a CA that publishes its CRL only at its distribution point
let dpRevoked: IssuedCertificate;
const ALPHA = { unitName: '景德镇市测试城建集团有限公司', creditCode: randomCreditCode() };
const BETA = { unitName: '景德镇市测试设计院有限公司', creditCode: randomCreditCode() };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hall-auth-test-'));
  const root = await createRootCa({ commonName: '测试根 CA' });
  issuing = await createIssuingCa(root, { commonName: '测试 CA' });
  alpha = await issueEnterpriseCertificate(issuing, ALPHA);
  beta = await issueEnterpriseCertificate(issuing, { ...BETA, keyAlgorithm: 'ECDSA-P256' });
  revoked = await issueEnterpriseCertificate(issuing, { unitName: '乐平市吊销证书测试有限公司', creditCode: randomCreditCode() });
  expired = await issueEnterpriseCertificate(issuing, {
    unitName: '浮梁县过期证书测试有限公司',
    creditCode: randomCreditCode(),
    notBefore: new Date(Date.now() - 400 * day),
    notAfter: new Date(Date.now() - 30 * day),
  });
  notYet = await issueEnterpriseCertificate(issuing, {
    unitName: '昌江区未生效证书测试有限公司',
    creditCode: randomCreditCode(),
    notBefore: new Date(Date.now() + 10 * day),
    notAfter: new Date(Date.now() + 400 * day),
  });
  const otherRoot = await createRootCa({ commonName: '不受信任的 CA' });
  stranger = await issueEnterpriseCertificate(otherRoot, { unitName: '珠山区陌生证书测试有限公司', creditCode: randomCreditCode() });
  person = await issuePersonCertificate(issuing, { name: '王小明', idNumber: '11010519491231002X' });
  crlServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(Buffer.from(crlServed)));
  await new Promise<void>((resolve) => crlServer.listen(0, '127.0.0.1', resolve));
  const crlUrl = `http://127.0.0.1:${(crlServer.address() as AddressInfo).port}/dp.crl`;
  const dpIssuing = await createIssuingCa(root, { commonName: '测试 CA（分发点）', crlUrl });
  dpGood = await issueEnterpriseCertificate(dpIssuing, { unitName: '珠山区分发点测试有限公司', creditCode: randomCreditCode() });
  dpRevoked = await issueEnterpriseCertificate(dpIssuing, { unitName: '昌江区分发点吊销测试有限公司', creditCode: randomCreditCode() });

  const serial = (c: IssuedCertificate) => new X509Certificate(c.certificate).serialNumber.toLowerCase();
  writeFileSync(join(dir, 'root.pem'), toPem(root.certificate));
  writeFileSync(join(dir, 'issuing.pem'), pemBundle([issuing.certificate, dpIssuing.certificate]));
  crlServed = await createCrl(dpIssuing, [{ serialNumber: serial(dpRevoked), revokedAt: new Date(Date.now() - 60_000) }], 30);
  writeFileSync(join(dir, 'issuing.crl'), await createCrl(issuing, [{ serialNumber: serial(revoked), revokedAt: new Date(Date.now() - 60_000) }], 30));
  writeFileSync(join(dir, 'root.crl'), await createCrl(root, [], 30));
  const tsa = await issueTsaCertificate(issuing, {});
  writeFileSync(join(dir, 'tsa.pem'), pemBundle([tsa.certificate, ...tsa.chain]));
  writeFileSync(join(dir, 'tsa-key.pem'), toPem(tsa.privateKeyPkcs8, 'PRIVATE KEY'));

  t = await buildTestApp({
    PUBLIC_ORIGIN: ORIGIN,
    TRUST_ANCHORS: join(dir, 'root.pem'),
    INTERMEDIATE_CAS: join(dir, 'issuing.pem'),
    CRL_PATHS: `${join(dir, 'issuing.crl')},${join(dir, 'root.crl')}`,
    TSA_CERT: join(dir, 'tsa.pem'),
    TSA_KEY: join(dir, 'tsa-key.pem'),
  });
});

afterAll(async () => {
  await t?.close();
  crlServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

const csrf = 'csrf-auth-test';
const baseHeaders = (origin = ORIGIN) => ({ origin, cookie: `hall_csrf=${csrf}`, 'x-csrf-token': csrf });

interface ChallengeBody {
  challengeId: string;
  challenge: string;
  origin: string;
  message: string;
  digest: string;
}

async function challenge(origin = ORIGIN): Promise<ChallengeBody> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/challenge', headers: baseHeaders(origin) });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** Signs the challenge's digest on a PKCS#12 soft token, exactly as the key agent's /v1/sign does. */
async function signOnToken(cert: IssuedCertificate, digestBase64: string) {
  const p12 = await exportPkcs12({ ...cert, password: PIN });
  const token = openP12Token({ bytes: p12, password: PIN });
  try {
    const [onToken] = await token.certificates();
    const signature = await token.sign(onToken!.id, PIN, new Uint8Array(Buffer.from(digestBase64, 'base64')), 'SHA-256');
    return {
      signature: Buffer.from(signature).toString('base64'),
      signatureAlgorithm: onToken!.keyAlgorithm === 'RSA' ? ('sha256WithRSAEncryption' as const) : ('ecdsa-with-SHA256' as const),
    };
  } finally {
    await token.close();
  }
}

/** Signs the message with the key directly (node's own SHA-256 + PKCS#1 v1.5 / ECDSA). */
function signDirect(cert: IssuedCertificate, message: string) {
  const key = createPrivateKey({ key: Buffer.from(cert.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  return {
    signature: sign('sha256', Buffer.from(message, 'utf8'), key).toString('base64'),
    signatureAlgorithm: cert.keyAlgorithm === 'RSA' ? ('sha256WithRSAEncryption' as const) : ('ecdsa-with-SHA256' as const),
  };
}

function loginBody(c: ChallengeBody, cert: IssuedCertificate, signed: { signature: string; signatureAlgorithm: string }) {
  return { challengeId: c.challengeId, challenge: c.challenge, certificate: Buffer.from(cert.certificate).toString('base64'), ...signed };
}

async function postLogin(body: object, origin = ORIGIN) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', headers: baseHeaders(origin), payload: body });
}

async function login(cert: IssuedCertificate) {
  const c = await challenge();
  return postLogin(loginBody(c, cert, signDirect(cert, c.message)));
}

function sessionHeaders(res: Awaited<ReturnType<typeof postLogin>>) {
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  return { cookie: `hall_session=${cookies.hall_session}; hall_csrf=${cookies.hall_csrf}`, 'x-csrf-token': cookies.hall_csrf! };
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

function expectRefusal(res: Awaited<ReturnType<typeof postLogin>>, code: string, status: number) {
  const body = res.json();
  expect({ status: res.statusCode, code: body.code }).toEqual({ status, code });
  expect(hasChinese(body.message)).toBe(true);
  expect(res.cookies.find((c) => c.name === 'hall_session')).toBeUndefined();
}

describe('challenge', () => {
  it('is 32 random bytes bound to the origin, with the digest the key signs', async () => {
    const c = await challenge();
    expect(Buffer.from(c.challenge, 'base64url')).toHaveLength(32);
    expect(c.origin).toBe(ORIGIN);
    expect(c.message).toBe(`hall-login\n${ORIGIN}\n${c.challenge}`);
    const { createHash } = await import('node:crypto');
    expect(c.digest).toBe(createHash('sha256').update(c.message).digest('base64'));
    const [row] = await t.app.db.select().from(loginChallenges).where(eq(loginChallenges.id, c.challengeId));
    expect(row!.challengeHash).not.toContain(c.challenge);
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(60_000);
    expect(row!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(120_000);
  });

  it('is refused to a page of another origin', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/challenge', headers: baseHeaders(FOREIGN) });
    expectRefusal(res, 'CHALLENGE_INVALID', 400);
  });

  it('needs the CSRF header like every POST', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/challenge', headers: { origin: ORIGIN } });
    expect(res.json().code).toBe('CSRF_FAILED');
  });
});

describe('login', () => {
  let firstUserId: string;

  it('first login (RSA key on a token) creates the unit from the certificate and asks for its details', async () => {
    const c = await challenge();
    const res = await postLogin(loginBody(c, alpha, await signOnToken(alpha, c.digest)));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.firstLogin).toBe(true);
    expect(body.enterprise).toMatchObject({ unitName: ALPHA.unitName, creditCode: ALPHA.creditCode, profileComplete: false, legalRepresentative: '', phone: '' });
    expect(body.user.name).toBe(ALPHA.unitName);
    firstUserId = body.user.id;

    const session = res.cookies.find((c) => c.name === 'hall_session')!;
    expect(session.httpOnly).toBe(true);
    const csrfCookie = res.cookies.find((c) => c.name === 'hall_csrf')!;
    expect(csrfCookie.httpOnly).toBeFalsy();
    expect(csrfCookie.value).not.toBe(csrf);

    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: sessionHeaders(res) });
    expect(me.statusCode).toBe(200);
    expect(me.json().enterprise.creditCode).toBe(ALPHA.creditCode);

    const [audit] = await t.app.db.select().from(auditLog).where(eq(auditLog.userId, firstUserId));
    expect(audit).toMatchObject({ action: 'session.login', targetType: 'certificate' });
    expect(audit!.details).toMatchObject({ firstLogin: true, origin: ORIGIN, revocation: 'good' });
  });

  it('the unit-info form: the check digit and the certificate’s credit code are enforced, then the profile is complete', async () => {
    const res = await login(alpha);
    const headers = sessionHeaders(res);
    const profile = { unitName: ALPHA.unitName, creditCode: ALPHA.creditCode, legalRepresentative: '张建国', phone: '13807980001' };

    const badDigit = ALPHA.creditCode.slice(0, 17) + (ALPHA.creditCode[17] === '0' ? '1' : '0');
    const r1 = await t.app.inject({ method: 'PUT', url: '/api/enterprise/profile', headers, payload: { ...profile, creditCode: badDigit } });
    expect(r1.statusCode).toBe(400);
    expect(r1.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('统一社会信用代码') });

    const other = '91350100M000100Y43';
    const r2 = await t.app.inject({ method: 'PUT', url: '/api/enterprise/profile', headers, payload: { ...profile, creditCode: other } });
    expect(r2.statusCode).toBe(400);
    expect(r2.json()).toEqual({ code: 'CREDIT_CODE_MISMATCH', message: '统一社会信用代码与 CA 证书中的不一致，请核对' });

    const ok = await t.app.inject({ method: 'PUT', url: '/api/enterprise/profile', headers, payload: profile });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ...profile, profileComplete: true });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers });
    expect(me.json().enterprise).toMatchObject({ legalRepresentative: '张建国', phone: '13807980001', profileComplete: true });
  });

  it('a second login finds the same user and unit, with no form', async () => {
    const res = await login(alpha);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ firstLogin: false, user: { id: firstUserId }, enterprise: { profileComplete: true, legalRepresentative: '张建国' } });
    const certs = await t.app.db.select().from(userCertificates).where(eq(userCertificates.userId, firstUserId));
    expect(certs).toHaveLength(1);
  });

  it('an ECDSA P-256 key on a token logs its own unit in', async () => {
    const c = await challenge();
    const res = await postLogin(loginBody(c, beta, await signOnToken(beta, c.digest)));
    expect(res.statusCode).toBe(200);
    expect(res.json().enterprise).toMatchObject({ unitName: BETA.unitName, creditCode: BETA.creditCode, profileComplete: false });
    expect(res.json().user.id).not.toBe(firstUserId);
  });

  it('logging in with another key ends the session the browser had', async () => {
    const first = await login(alpha);
    const before = sessionHeaders(first);
    const c = await challenge();
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...before, origin: ORIGIN },
      payload: loginBody(c, beta, signDirect(beta, c.message)),
    });
    expect(second.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: before })).statusCode).toBe(401);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: sessionHeaders(second) });
    expect(me.json().enterprise.creditCode).toBe(BETA.creditCode);
  });

  it('logout ends the session', async () => {
    const res = await login(beta);
    const headers = sessionHeaders(res);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers });
    expect(me.statusCode).toBe(401);
  });
});

describe('refusals', () => {
  it('a replayed challenge → CHALLENGE_REPLAYED', async () => {
    const c = await challenge();
    const body = loginBody(c, alpha, signDirect(alpha, c.message));
    expect((await postLogin(body)).statusCode).toBe(200);
    expectRefusal(await postLogin(body), 'CHALLENGE_REPLAYED', 400);
  });

  it('an expired challenge → CHALLENGE_INVALID', async () => {
    const c = await challenge();
    await t.app.db.update(loginChallenges).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(loginChallenges.id, c.challengeId));
    const res = await postLogin(loginBody(c, alpha, signDirect(alpha, c.message)));
    expectRefusal(res, 'CHALLENGE_INVALID', 400);
    expect(res.json().message).toContain('过期');
  });

  it('a challenge used from another origin → CHALLENGE_INVALID, and it is used up', async () => {
    const c = await challenge();
    const body = loginBody(c, alpha, signDirect(alpha, c.message));
    const res = await postLogin(body, FOREIGN);
    expectRefusal(res, 'CHALLENGE_INVALID', 400);
    expect(res.json().message).toContain('其他网页');
  });

  it('a signature over another challenge → SIGNATURE_INVALID', async () => {
    const c = await challenge();
    const other = await challenge();
    expectRefusal(await postLogin(loginBody(c, alpha, signDirect(alpha, other.message))), 'SIGNATURE_INVALID', 401);
  });

  it('a signature by another key than the certificate’s → SIGNATURE_INVALID', async () => {
    const c = await challenge();
    expectRefusal(await postLogin(loginBody(c, alpha, signDirect(revoked, c.message))), 'SIGNATURE_INVALID', 401);
  });

  it('a wrong challenge value for the id → CHALLENGE_INVALID', async () => {
    const c = await challenge();
    const other = await challenge();
    expectRefusal(await postLogin({ ...loginBody(c, alpha, signDirect(alpha, c.message)), challenge: other.challenge }), 'CHALLENGE_INVALID', 400);
  });

  it('a revoked certificate (on the CA’s CRL) → CERT_REVOKED', async () => {
    expectRefusal(await login(revoked), 'CERT_REVOKED', 401);
  });

  it('a certificate revoked on the CRL its distribution point names → CERT_REVOKED; a good one passes, checked', async () => {
    expectRefusal(await login(dpRevoked), 'CERT_REVOKED', 401);
    const ok = await login(dpGood);
    expect(ok.statusCode).toBe(200);
    const [audit] = await t.app.db.select().from(auditLog).where(eq(auditLog.userId, ok.json().user.id));
    expect(audit!.details).toMatchObject({ revocation: 'good' });
  });

  it('an expired certificate → CERT_EXPIRED', async () => {
    const res = await login(expired);
    expectRefusal(res, 'CERT_EXPIRED', 401);
    expect(res.json().message).toBe('证书已过期，请联系 CA 机构更新证书');
  });

  it('a certificate not yet valid → CERT_NOT_YET_VALID', async () => {
    expectRefusal(await login(notYet), 'CERT_NOT_YET_VALID', 401);
  });

  it('a certificate of an untrusted CA → CERT_UNTRUSTED', async () => {
    expectRefusal(await login(stranger), 'CERT_UNTRUSTED', 401);
  });

  it('a person’s certificate names no unit → CERT_NO_ENTERPRISE', async () => {
    expectRefusal(await login(person), 'CERT_NO_ENTERPRISE', 401);
  });

  it('refusals are audited with their code', async () => {
    const rows = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'session.login_failed'));
    const codes = rows.map((r) => (r.details as { code: string }).code);
    expect(codes).toEqual(expect.arrayContaining(['CHALLENGE_REPLAYED', 'CHALLENGE_INVALID', 'SIGNATURE_INVALID', 'CERT_REVOKED', 'CERT_EXPIRED', 'CERT_UNTRUSTED', 'CERT_NO_ENTERPRISE']));
    const revokedRow = rows.find((r) => (r.details as { code: string }).code === 'CERT_REVOKED')!;
    expect((revokedRow.details as { serialNumber: string }).serialNumber).toBe(new X509Certificate(revoked.certificate).serialNumber);
  });

  it('the profile form needs a session', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/enterprise/profile',
      headers: baseHeaders(),
      payload: { unitName: 'x单位', creditCode: ALPHA.creditCode, legalRepresentative: '张三', phone: '13800138000' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('page settings and the development TSA', () => {
  it('GET /api/config tells the page where the key agent is', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/config' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ keyAgentUrl: 'http://127.0.0.1:9', demo: false });
    expect(res.json().keyAgentCommand).toContain(`--origin ${ORIGIN}`);
  });

  it('POST /api/tsa answers an RFC 3161 query with a granted timestamp token, without CSRF', async () => {
    const digest = new Uint8Array(32).fill(7);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tsa',
      headers: { 'content-type': 'application/timestamp-query' },
      payload: Buffer.from(createTimestampRequest(digest)),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/timestamp-reply');
    const der = res.rawPayload;
    const resp = pkijs.TimeStampResp.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength));
    expect(resp.status.status).toBe(0);
    expect(resp.timeStampToken).toBeDefined();
  });
});
