import { describe, expect, it } from 'vitest';
import { x509 } from './crypto.ts';
import { createIssuingCa, createRootCa } from './ca.ts';
import { createCrl } from './crl.ts';
import { issueEnterpriseCertificate } from './identity.ts';
import { verifyChain } from './verify-chain.ts';

const CODE = '91350100M000100Y43';
const DAY = 86_400_000;

describe('verifyChain', async () => {
  const root = await createRootCa({ commonName: 'Root A', keyAlgorithm: 'RSA' });
  const issuing = await createIssuingCa(root, { commonName: 'Issuing A', keyAlgorithm: 'ECDSA-P256' });
  const otherRoot = await createRootCa({ commonName: 'Root A', keyAlgorithm: 'ECDSA-P256' }); // same name, other key
  const leaf = await issueEnterpriseCertificate(issuing, { unitName: '甲公司', creditCode: CODE, keyAlgorithm: 'RSA' });
  const serial = new x509.X509Certificate(leaf.certificate).serialNumber;

  it('builds the path to the anchor', async () => {
    const r = await verifyChain(leaf.certificate, [issuing.certificate], [root.certificate]);
    expect(r.ok).toBe(true);
    expect(r.path).toHaveLength(3);
    expect(r.revocation).toBe('unknown');
  });

  it('does not trust a path that only matches by name', async () => {
    const r = await verifyChain(leaf.certificate, [issuing.certificate], [otherRoot.certificate]);
    expect(r).toMatchObject({ ok: false, code: 'CERT_UNTRUSTED' });
    expect((await verifyChain(leaf.certificate, [], [root.certificate])).code).toBe('CERT_UNTRUSTED');
  });

  it('checks validity at the given time', async () => {
    expect((await verifyChain(leaf.certificate, [issuing.certificate], [root.certificate], new Date(Date.now() + 400 * DAY))).code).toBe('CERT_EXPIRED');
    expect((await verifyChain(leaf.certificate, [issuing.certificate], [root.certificate], new Date(Date.now() - DAY))).code).toBe('CERT_NOT_YET_VALID');
  });

  it('checks revocation against CRLs of each issuer', async () => {
    const rootCrl = await createCrl(root, []);
    const revoked = await createCrl(issuing, [{ serialNumber: serial, revokedAt: new Date(Date.now() - 1000) }]);
    const clean = await createCrl(issuing, []);
    const r1 = await verifyChain(leaf.certificate, [issuing.certificate], [root.certificate], new Date(), [rootCrl, revoked]);
    expect(r1).toMatchObject({ ok: false, code: 'CERT_REVOKED', revocation: 'revoked' });
    const r2 = await verifyChain(leaf.certificate, [issuing.certificate], [root.certificate], new Date(), [rootCrl, clean]);
    expect(r2).toMatchObject({ ok: true, revocation: 'good' });
    // revoked later than the time asked about: still good then
    const r3 = await verifyChain(leaf.certificate, [issuing.certificate], [root.certificate], new Date(Date.now() - 60_000), [rootCrl, revoked]);
    expect(r3.ok).toBe(true);
  });

  it('counts a stale CRL as no evidence of good standing, but still as evidence of revocation', async () => {
    const old = { thisUpdate: new Date(Date.now() - 30 * DAY) };
    const rootCrl = await createCrl(root, [], 7, old);
    const staleClean = await createCrl(issuing, [], 7, old);
    const r = await verifyChain(leaf.certificate, [issuing.certificate], [root.certificate], new Date(), [rootCrl, staleClean]);
    expect(r).toMatchObject({ ok: true, revocation: 'unknown' });
    const staleRevoked = await createCrl(issuing, [{ serialNumber: serial, revokedAt: new Date(Date.now() - 31 * DAY) }], 7, old);
    const r2 = await verifyChain(leaf.certificate, [issuing.certificate], [root.certificate], new Date(), [rootCrl, staleRevoked]);
    expect(r2.code).toBe('CERT_REVOKED');
  });

  it('ignores a CRL signed by someone else', async () => {
    const impostor = await createIssuingCa(otherRoot, { commonName: 'Issuing A' });
    const fake = await createCrl(impostor, [{ serialNumber: serial, revokedAt: new Date(Date.now() - 1000) }]);
    const r = await verifyChain(leaf.certificate, [issuing.certificate], [root.certificate], new Date(), [fake]);
    expect(r).toMatchObject({ ok: true, revocation: 'unknown' });
  });
});
