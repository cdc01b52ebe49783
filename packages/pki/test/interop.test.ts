// What other tools make of our PKCS#12 files, certificates, CRLs and time-stamps:
// OpenSSL 3, Java 17's keytool, and Java's KeyStore with the JDK and BouncyCastle providers
// (what PDFBox signs with).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createCrl,
  createIssuingCa,
  createRootCa,
  createTimestampRequest,
  exportPkcs12,
  issueEnterpriseCertificate,
  issueTsaCertificate,
  pemBundle,
  timestampResponder,
  toPem,
} from '@hall/pki';

const dir = mkdtempSync(join(tmpdir(), 'pki-interop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** stdout + stderr of a tool that must succeed (openssl prints -info to stderr). */
function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
  return r.stdout + r.stderr;
}

describe('interoperability', async () => {
  const root = await createRootCa({ commonName: '演示根 CA', keyAlgorithm: 'RSA' });
  const issuing = await createIssuingCa(root, { commonName: '演示 CA', keyAlgorithm: 'ECDSA-P256', crlUrl: 'http://127.0.0.1/ca.crl' });
  writeFileSync(join(dir, 'root.pem'), toPem(root.certificate));
  writeFileSync(join(dir, 'chain.pem'), pemBundle([issuing.certificate, root.certificate]));

  for (const keyAlgorithm of ['RSA', 'ECDSA-P256'] as const) {
    it(`openssl and keytool read a ${keyAlgorithm} PKCS#12 as one key entry with its chain`, async () => {
      const e = await issueEnterpriseCertificate(issuing, { unitName: '景德镇市城市建设投资集团有限责任公司', creditCode: '91350100M000100Y43', keyAlgorithm });
      const file = join(dir, `${keyAlgorithm}.p12`);
      writeFileSync(file, await exportPkcs12({ ...e, password: '111111', friendlyName: 'hall' }));

      const out = sh('openssl', ['pkcs12', '-in', file, '-passin', 'pass:111111', '-nodes', '-info']);
      expect(out).toContain('MAC: sha256');
      expect(out.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
      expect(out).toContain('-----BEGIN PRIVATE KEY-----');
      expect(() => sh('openssl', ['pkcs12', '-in', file, '-passin', 'pass:wrong', '-nodes'])).toThrow();

      const list = sh('keytool', ['-list', '-v', '-storetype', 'PKCS12', '-keystore', file, '-storepass', '111111']);
      expect(list).toContain('Alias name: hall');
      expect(list).toContain('Entry type: PrivateKeyEntry');
      expect(list).toContain('Certificate chain length: 3');
      expect(list).toContain('OID.2.5.4.97=NTRCN-91350100M000100Y43');
      // -list never decrypts the key; a CSR needs it (Java's KeyStore, as PDFBox uses it)
      const csr = join(dir, `${keyAlgorithm}.csr`);
      sh('keytool', ['-certreq', '-alias', 'hall', '-storetype', 'PKCS12', '-keystore', file, '-storepass', '111111', '-file', csr]);
      expect(sh('openssl', ['req', '-in', csr, '-verify', '-noout'])).toMatch(/verify OK|Certificate request self-signature verify OK/);

      // Java's KeyStore with the JDK and BouncyCastle providers, as PDFBox's signing code loads it
      const java = sh('java', ['-cp', '/usr/share/java/bcprov.jar', join(import.meta.dirname, 'java', 'P12Check.java'), file, '111111']);
      const alg = keyAlgorithm === 'RSA' ? 'SHA256withRSA' : 'SHA256withECDSA';
      expect(java.trim().split('\n')).toEqual([`OK SUN ${alg} chain=3`, `OK BC ${alg} chain=3`]);

      // the chain verifies with openssl too
      writeFileSync(join(dir, 'leaf.pem'), toPem(e.certificate));
      expect(sh('openssl', ['verify', '-CAfile', join(dir, 'root.pem'), '-untrusted', join(dir, 'chain.pem'), join(dir, 'leaf.pem')])).toContain(': OK');
    });
  }

  it('openssl accepts our CRL and sees the revoked serial', async () => {
    const e = await issueEnterpriseCertificate(issuing, { unitName: '甲公司', creditCode: '91350100M000100Y43' });
    const { X509Certificate } = await import('node:crypto');
    const serial = new X509Certificate(e.certificate).serialNumber;
    const crl = await createCrl(issuing, [{ serialNumber: serial, revokedAt: new Date(Date.now() - 1000) }]);
    writeFileSync(join(dir, 'ca.crl'), crl);
    writeFileSync(join(dir, 'issuing.pem'), toPem(issuing.certificate));
    const out = sh('openssl', ['crl', '-inform', 'DER', '-in', join(dir, 'ca.crl'), '-CAfile', join(dir, 'issuing.pem'), '-noout', '-text']);
    expect(out).toContain(`Serial Number: ${serial.toUpperCase()}`);
    expect(out).toContain('X509v3 CRL Number');
  });

  it('openssl ts -verify accepts our time-stamp responses', async () => {
    const tsa = await issueTsaCertificate(issuing);
    const respond = timestampResponder({ ...tsa, chain: [issuing.certificate] });
    const data = Buffer.from('要加时间戳的内容');
    const req = createTimestampRequest(createHash('sha256').update(data).digest());
    writeFileSync(join(dir, 'data.bin'), data);
    writeFileSync(join(dir, 'reply.tsr'), await respond(req));
    const out = sh('openssl', ['ts', '-verify', '-data', join(dir, 'data.bin'), '-in', join(dir, 'reply.tsr'), '-CAfile', join(dir, 'root.pem'), '-untrusted', join(dir, 'chain.pem')]);
    expect(out).toContain('Verification: OK');
  });
});
