// Only a certificate of the signed-in unit may seal its files: its 统一社会信用代码 must be the
// enterprise's, it must be within its validity dates, and when the hall has trust anchors it
// must chain to one of them and not be revoked (CRLs as the login checks them). The key's own proof (the signature) is checked at finish.
import { createHash, verify, X509Certificate } from 'node:crypto';
import { enterpriseFromCertificate, verifyChain } from '@hall/pki';
import { errorCatalogue, fail } from '@hall/shared/errors';
import type { TrustMaterial } from '../auth/trust-store.ts';
import { serialKey } from './library/seal-library.ts';

export interface CheckedCertificate {
  der: Uint8Array;
  serialNumber: string;
  subject: string;
  unitName: string;
  /** intermediates to embed in the signature: the verified path when there are anchors (the key
   *  agent gives the certificate alone), else what the caller sent */
  chain: Uint8Array[];
}

// A sealer's certificate is checked at every prepare (and a batch prepares file after file):
// a path proven against the very same anchors, intermediates and CRLs (the trust store hands
// out the same blocks until a file or a downloaded CRL changes) is reused for a minute.
const PROVEN_PATH_MS = 60_000;
const provenPaths = new Map<string, { at: number; now: Date; trust: TrustMaterial; embed: Uint8Array[] }>();

function pathKey(der: Uint8Array, chain: Uint8Array[]): string {
  const h = createHash('sha256').update(der);
  for (const c of chain) h.update(createHash('sha256').update(c).digest());
  return h.digest('hex');
}

const sameBlocks = (a: Uint8Array[], b: Uint8Array[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameMaterial = (a: TrustMaterial, b: TrustMaterial) => sameBlocks(a.anchors, b.anchors) && sameBlocks(a.intermediates, b.intermediates) && sameBlocks(a.crls, b.crls);

export async function checkSignerCertificate(
  der: Uint8Array,
  chain: Uint8Array[],
  enterprise: { creditCode: string },
  trust: TrustMaterial,
  now = new Date(),
): Promise<CheckedCertificate> {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    fail('VALIDATION_FAILED', '证书格式不正确', { fields: [{ field: 'certificate', message: '不是有效的 X.509 证书' }] });
  }
  const owner = enterpriseFromCertificate(der);
  if (!owner || owner.creditCode !== enterprise.creditCode) {
    fail('FORBIDDEN', '该 CA 证书不属于当前登录单位（统一社会信用代码不一致），不能用它盖章');
  }
  if (now < new Date(cert.validFrom)) fail('SEAL_CERT_REJECTED', errorCatalogue.CERT_NOT_YET_VALID.message);
  if (now > new Date(cert.validTo)) fail('SEAL_CERT_REJECTED', errorCatalogue.CERT_EXPIRED.message);
  let embed = chain;
  if (trust.anchors.length) {
    const key = pathKey(der, chain);
    const known = provenPaths.get(key);
    if (known && now.getTime() - known.at < PROVEN_PATH_MS && known.now <= now && sameMaterial(known.trust, trust)) {
      embed = known.embed;
    } else {
      const result = await verifyChain(der, [...chain, ...trust.intermediates], trust.anchors, now, trust.crls);
      if (!result.ok) fail('SEAL_CERT_REJECTED', errorCatalogue[result.code ?? 'CERT_UNTRUSTED'].message);
      embed = result.path.slice(1, -1);
      if (provenPaths.size >= 1000) provenPaths.clear();
      provenPaths.set(key, { at: now.getTime(), now, trust, embed });
    }
  }
  return { der, serialNumber: serialKey(cert.serialNumber), subject: cert.subject, unitName: owner.unitName, chain: embed };
}

/** The key's signature over the signed attributes must check against the certificate. */
export function signatureMatches(certificateDer: Uint8Array, signedAttributes: Uint8Array, signature: Uint8Array): boolean {
  try {
    // RSA PKCS#1 v1.5 or ECDSA (DER Ecdsa-Sig-Value), both over SHA-256
    return verify('sha256', signedAttributes, new X509Certificate(certificateDer).publicKey, signature);
  } catch {
    return false;
  }
}
