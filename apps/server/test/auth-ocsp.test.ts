// CA-key login with OCSP (OCSP_MODE): a real RFC 6960 responder from @hall/pki on a random port,
// answering through a delegated responder certificate. 'revoked' refuses; 'unknown' or silence
// refuses only with OCSP_REQUIRED=true, otherwise the CRLs decide.
import { X509Certificate, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  createCrl,
  createIssuingCa,
  createRootCa,
  issueEnterpriseCertificate,
  issueOcspResponderCertificate,
  ocspResponder,
  pemBundle,
  toPem,
  type IssuedCertificate,
} from '@hall/pki';
import { auditLog } from '../src/db/schema.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { randomCreditCode } from './support/session.ts';

const ORIGIN = 'http://hall.test';
let dir: string;
let lenient: TestApp; // OCSP_MODE=url, OCSP not required
let strict: TestApp; // OCSP_MODE=aia, OCSP_REQUIRED=true
let responder: Server;
let good: IssuedCertificate;
let revoked: IssuedCertificate;
let unknown: IssuedCertificate;
let aiaGood: IssuedCertificate;
let aiaDead: IssuedCertificate;
let asked = 0;

const unit = (name: string) => ({ unitName: name, creditCode: randomCreditCode() });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hall-auth-ocsp-'));
  const root = await createRootCa({ commonName: 'OCSP 测试根 CA' });
  const issuing = await createIssuingCa(root, { commonName: 'OCSP 测试 CA' });
  const delegate = await issueOcspResponderCertificate(issuing);
  const serial = (c: IssuedCertificate) => new X509Certificate(c.certificate).serialNumber.toLowerCase();
  const statuses = new Map<string, { status: 'revoked' | 'unknown'; revokedAt?: Date }>();
  const respond = ocspResponder({ issuer: issuing, signer: delegate, statusOf: (s) => statuses.get(s) });
  responder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      asked++;
      void respond(new Uint8Array(Buffer.concat(chunks))).then((der) => res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(Buffer.from(der)));
    });
  });
  await new Promise<void>((r) => responder.listen(0, '127.0.0.1', r));
  const ocspUrl = `http://127.0.0.1:${(responder.address() as AddressInfo).port}/ocsp`;

  good = await issueEnterpriseCertificate(issuing, unit('景德镇市在线状态良好有限公司'));
  revoked = await issueEnterpriseCertificate(issuing, unit('乐平市在线状态吊销有限公司'));
  unknown = await issueEnterpriseCertificate(issuing, unit('浮梁县在线状态未知有限公司'));
  aiaGood = await issueEnterpriseCertificate(issuing, { ...unit('昌江区证书内查询地址有限公司'), ocspUrl });
  aiaDead = await issueEnterpriseCertificate(issuing, { ...unit('珠山区查询服务无应答有限公司'), ocspUrl: 'http://127.0.0.1:9/ocsp' });
  statuses.set(serial(revoked), { status: 'revoked', revokedAt: new Date(Date.now() - 60_000) });
  statuses.set(serial(unknown), { status: 'unknown' });

  writeFileSync(join(dir, 'root.pem'), toPem(root.certificate));
  writeFileSync(join(dir, 'issuing.pem'), pemBundle([issuing.certificate]));
  // The CRLs list nothing: a refusal below can only come from OCSP.
  writeFileSync(join(dir, 'issuing.crl'), await createCrl(issuing, [], 30));
  writeFileSync(join(dir, 'root.crl'), await createCrl(root, [], 30));
  const trust = {
    PUBLIC_ORIGIN: ORIGIN,
    TRUST_ANCHORS: join(dir, 'root.pem'),
    INTERMEDIATE_CAS: join(dir, 'issuing.pem'),
    CRL_PATHS: `${join(dir, 'issuing.crl')},${join(dir, 'root.crl')}`,
  };
  lenient = await buildTestApp({ ...trust, OCSP_MODE: 'url', OCSP_URL: ocspUrl });
  strict = await buildTestApp({ ...trust, OCSP_MODE: 'aia', OCSP_REQUIRED: 'true' });
});

afterAll(async () => {
  await lenient?.close();
  await strict?.close();
  responder?.close();
  rmSync(dir, { recursive: true, force: true });
});

const csrf = 'csrf-auth-ocsp-test';
const headers = { origin: ORIGIN, cookie: `hall_csrf=${csrf}`, 'x-csrf-token': csrf };

async function login(t: TestApp, cert: IssuedCertificate) {
  const c = await t.app.inject({ method: 'POST', url: '/api/auth/challenge', headers });
  expect(c.statusCode).toBe(200);
  const { challengeId, challenge, message } = c.json<{ challengeId: string; challenge: string; message: string }>();
  const key = createPrivateKey({ key: Buffer.from(cert.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers,
    payload: {
      challengeId,
      challenge,
      certificate: Buffer.from(cert.certificate).toString('base64'),
      signature: sign('sha256', Buffer.from(message, 'utf8'), key).toString('base64'),
      signatureAlgorithm: 'sha256WithRSAEncryption',
    },
  });
}

async function expectRefused(res: Awaited<ReturnType<typeof login>>, code: string) {
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 401, code });
  expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
  expect(res.cookies.find((c) => c.name === 'hall_session')).toBeUndefined();
}

describe('OCSP_MODE=url (OCSP_URL), not required', () => {
  it('good → login, the OCSP answer audited', async () => {
    const before = asked;
    const res = await login(lenient, good);
    expect(res.statusCode).toBe(200);
    expect(asked).toBe(before + 1);
    const [audit] = await lenient.app.db.select().from(auditLog).where(eq(auditLog.userId, res.json().user.id));
    expect(audit!.details).toMatchObject({ ocsp: 'good' });
  });

  it('revoked → CERT_REVOKED with the Chinese message, though the CRL does not list it', async () => {
    const res = await login(lenient, revoked);
    await expectRefused(res, 'CERT_REVOKED');
    expect(res.json().message).toBe('证书已被吊销，请联系 CA 机构');
  });

  it('unknown → the CRL decides (not listed → login)', async () => {
    const res = await login(lenient, unknown);
    expect(res.statusCode).toBe(200);
    const [audit] = await lenient.app.db.select().from(auditLog).where(eq(auditLog.userId, res.json().user.id));
    expect(audit!.details).toMatchObject({ ocsp: 'unknown', revocation: 'good' });
  });
});

describe('OCSP_MODE=aia, OCSP_REQUIRED=true', () => {
  it('the responder named in the certificate answers good → login', async () => {
    expect((await login(strict, aiaGood)).statusCode).toBe(200);
  });

  it('an unreachable responder → CERT_STATUS_UNKNOWN, not a login', async () => {
    await expectRefused(await login(strict, aiaDead), 'CERT_STATUS_UNKNOWN');
  });

  it('no responder named in the certificate → CERT_STATUS_UNKNOWN', async () => {
    await expectRefused(await login(strict, good), 'CERT_STATUS_UNKNOWN');
  });
});
