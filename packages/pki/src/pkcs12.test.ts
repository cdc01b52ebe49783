import { describe, expect, it } from 'vitest';
import { createRootCa } from './ca.ts';
import { issuePersonCertificate } from './identity.ts';
import { Pkcs12PasswordError, exportPkcs12, parsePkcs12 } from './pkcs12.ts';

describe('PKCS#12', () => {
  it('round-trips key, certificate and chain, and refuses a wrong password', async () => {
    const root = await createRootCa({ commonName: 'Root', keyAlgorithm: 'ECDSA-P256' });
    for (const keyAlgorithm of ['RSA', 'ECDSA-P256'] as const) {
      const p = await issuePersonCertificate(root, { name: '李四', idNumber: '11010519491231002X', keyAlgorithm });
      const der = await exportPkcs12({ ...p, password: '密码111111' });
      const back = await parsePkcs12(der, '密码111111');
      expect(Buffer.from(back.certificate).equals(Buffer.from(p.certificate))).toBe(true);
      expect(Buffer.from(back.privateKeyPkcs8).equals(Buffer.from(p.privateKeyPkcs8))).toBe(true);
      expect(back.chain.map((c) => Buffer.from(c).toString('hex'))).toEqual([Buffer.from(root.certificate).toString('hex')]);
      await expect(parsePkcs12(der, 'wrong')).rejects.toBeInstanceOf(Pkcs12PasswordError);
    }
  });
});
