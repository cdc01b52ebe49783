// Test certificates from @hall/pki: a root (the trust anchor), an issuing CA under it, and
// two enterprise signers (RSA-2048 and ECDSA P-256), each also as a PKCS#12 file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIssuingCa, createRootCa, pemBundle, type CaMaterial } from '@hall/pki/ca';
import { issueEnterpriseCertificate } from '@hall/pki/identity';
import { exportPkcs12 } from '@hall/pki/pkcs12';

export type KeyAlgorithm = 'RSA' | 'ECDSA-P256';

export interface TestIdentity {
  label: string;
  unitName: string;
  keyAlgorithm: KeyAlgorithm;
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
  /** issuing CA and root, nearest first */
  chain: Uint8Array[];
  p12Path: string;
  p12Password: string;
}

export interface TestPki {
  dir: string;
  root: CaMaterial;
  issuing: CaMaterial;
  /** the root in PEM, for `pdfseal verify --trust` */
  rootPemPath: string;
  rsa: TestIdentity;
  ec: TestIdentity;
}

// Valid 统一社会信用代码 (GB 32100-2015 check digit).
const UNITS = {
  rsa: { unitName: '景德镇市测试建设有限公司', creditCode: '91350100M000100Y43' },
  ec: { unitName: '景德镇市示例设计院', creditCode: '91360200MA35XXXX0D' },
};

/** `crlBaseUrl`: the CAs then publish `<base>/root.crl` and `<base>/issuing.crl` (for LTV tests). */
export async function createTestPki(dir: string, opts: { crlBaseUrl?: string } = {}): Promise<TestPki> {
  const crl = (name: string) => (opts.crlBaseUrl ? `${opts.crlBaseUrl}/${name}.crl` : undefined);
  const root = await createRootCa({ commonName: 'Hall Test Root CA', organization: 'Hall Test', keyAlgorithm: 'RSA', crlUrl: crl('root') });
  const issuing = await createIssuingCa(root, { commonName: 'Hall Test Issuing CA', organization: 'Hall Test', keyAlgorithm: 'ECDSA-P256', crlUrl: crl('issuing') });
  const rootPemPath = join(dir, 'root.pem');
  writeFileSync(rootPemPath, pemBundle([root.certificate]));
  const make = async (label: 'rsa' | 'ec', keyAlgorithm: KeyAlgorithm): Promise<TestIdentity> => {
    const unit = UNITS[label];
    const issued = await issueEnterpriseCertificate(issuing, { ...unit, creditCode: fixCheckDigit(unit.creditCode), keyAlgorithm });
    const p12Password = `pw-${label}-1234`;
    const p12Path = join(dir, `${label}.p12`);
    writeFileSync(p12Path, await exportPkcs12({ certificate: issued.certificate, privateKeyPkcs8: issued.privateKeyPkcs8, chain: issued.chain, password: p12Password }));
    return { label, unitName: unit.unitName, keyAlgorithm, certificate: issued.certificate, privateKeyPkcs8: issued.privateKeyPkcs8, chain: issued.chain, p12Path, p12Password };
  };
  return { dir, root, issuing, rootPemPath, rsa: await make('rsa', 'RSA'), ec: await make('ec', 'ECDSA-P256') };
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Replaces the 18th character by the right check character, so fixtures stay valid codes. */
function fixCheckDigit(code: string): string {
  const sum = CODE_WEIGHTS.reduce((s, w, i) => s + w * CODE_CHARS.indexOf(code[i]), 0);
  return code.slice(0, 17) + CODE_CHARS[(31 - (sum % 31)) % 31];
}
