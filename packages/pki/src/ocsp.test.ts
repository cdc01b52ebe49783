import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuingCa, createRootCa, type CaMaterial, type IssuedCertificate } from './ca.ts';
import { toPem } from './crypto.ts';
import { issueEnterpriseCertificate } from './identity.ts';
import {
  OcspError,
  createOcspRequest,
  issueOcspResponderCertificate,
  ocspResponder,
  ocspUrlsOf,
  queryOcsp,
  readOcspResponse,
} from './ocsp.ts';

let ca: CaMaterial;
let other: CaMaterial;
let good: IssuedCertificate;
let bad: IssuedCertificate;
let delegate: IssuedCertificate;
let server: Server;
let url: string;
const revokedAt = new Date(Date.now() - 3600_000);
const serial = (c: IssuedCertificate) => new X509Certificate(c.certificate).serialNumber.toLowerCase();

beforeAll(async () => {
  const root = await createRootCa({ commonName: 'OCSP 测试根 CA' });
  ca = await createIssuingCa(root, { commonName: 'OCSP 测试 CA' });
  other = await createRootCa({ commonName: '别的 CA', keyAlgorithm: 'ECDSA-P256' });
  good = await issueEnterpriseCertificate(ca, { unitName: '好证书有限公司', creditCode: '91350100M000100Y43', ocspUrl: 'http://ocsp.example.cn/q' });
  bad = await issueEnterpriseCertificate(ca, { unitName: '吊销证书有限公司', creditCode: '91350100M000100Y43' });
  delegate = await issueOcspResponderCertificate(ca, { keyAlgorithm: 'ECDSA-P256' });
  const respond = ocspResponder({
    issuer: ca,
    signer: delegate,
    statusOf: (s) => (s === serial(bad) ? { status: 'revoked', revokedAt } : undefined),
  });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void respond(new Uint8Array(Buffer.concat(chunks))).then((der) => res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(Buffer.from(der)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => {
  server?.close();
});

describe('OCSP client and responder', () => {
  it('reads the AIA OCSP URL', () => {
    expect(ocspUrlsOf(good.certificate)).toEqual(['http://ocsp.example.cn/q']);
    expect(ocspUrlsOf(bad.certificate)).toEqual([]);
  });

  it('good and revoked over HTTP, answered by a delegated responder', async () => {
    const ok = await queryOcsp(url, good.certificate, ca.certificate);
    expect(ok.status).toBe('good');
    expect(ok.nextUpdate!.getTime()).toBeGreaterThan(Date.now());
    const no = await queryOcsp(url, bad.certificate, ca.certificate);
    expect(no.status).toBe('revoked');
    expect(Math.abs(no.revokedAt!.getTime() - revokedAt.getTime())).toBeLessThan(1000);
  });

  it('a certificate of another CA is unknown to the responder', async () => {
    const stranger = await issueEnterpriseCertificate(other, { unitName: '别家有限公司', creditCode: '91350100M000100Y43' });
    const respond = ocspResponder({ issuer: ca });
    const req = await createOcspRequest(stranger.certificate, other.certificate);
    const der = await respond(req.der);
    // signed by `ca`, not by `other`: not trusted for that certificate
    await expect(readOcspResponse(der, stranger.certificate, other.certificate, { nonce: req.nonce })).rejects.toThrow(OcspError);
  });

  it('refuses an answer signed by a responder the issuer did not authorise', async () => {
    const forged = ocspResponder({ issuer: ca, signer: await issueOcspResponderCertificate(other) });
    const req = await createOcspRequest(bad.certificate, ca.certificate);
    await expect(readOcspResponse(await forged(req.der), bad.certificate, ca.certificate, { nonce: req.nonce })).rejects.toThrow(/not signed/);
  });

  it('refuses a replayed answer (nonce) and a stale one', async () => {
    const respond = ocspResponder({ issuer: ca, now: () => new Date(Date.now() - 3 * 3600_000) });
    const req = await createOcspRequest(good.certificate, ca.certificate);
    const der = await respond(req.der);
    await expect(readOcspResponse(der, good.certificate, ca.certificate, { nonce: req.nonce })).rejects.toThrow(/stale/);
    const fresh = await ocspResponder({ issuer: ca })(req.der);
    await expect(readOcspResponse(fresh, good.certificate, ca.certificate, { nonce: new Uint8Array(32) })).rejects.toThrow(/nonce/);
    expect((await readOcspResponse(fresh, good.certificate, ca.certificate, { nonce: req.nonce })).status).toBe('good');
  });

  it('unreachable responder → OcspError', async () => {
    await expect(queryOcsp('http://127.0.0.1:9/', good.certificate, ca.certificate, { timeoutMs: 2000 })).rejects.toThrow(OcspError);
  });

  it('openssl ocsp accepts the request and verifies the response', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pki-ocsp-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), toPem(ca.certificate) + toPem(ca.chain[0]!));
      writeFileSync(join(dir, 'issuer.pem'), toPem(ca.certificate));
      writeFileSync(join(dir, 'bad.pem'), toPem(bad.certificate));
      // async: the responder answers from this same process
      const { stdout: out } = await promisify(execFile)(
        'openssl',
        ['ocsp', '-issuer', join(dir, 'issuer.pem'), '-cert', join(dir, 'bad.pem'), '-url', url, '-CAfile', join(dir, 'ca.pem')],
        { encoding: 'utf8', timeout: 20_000 },
      );
      expect(out).toMatch(/: revoked/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
