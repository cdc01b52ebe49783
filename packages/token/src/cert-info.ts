// Facts about a certificate that tokens need: its key algorithm, a key id, and the chain
// that can be built from the other certificates at hand.
import { X509Certificate, createHash } from 'node:crypto';
import type { KeyAlgorithm } from '@hall/pki';

export function certKeyAlgorithm(der: Uint8Array): KeyAlgorithm {
  const key = new X509Certificate(der).publicKey;
  if (key.asymmetricKeyType === 'rsa') return 'RSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ECDSA-P256';
  throw new Error(`unsupported certificate key ${key.asymmetricKeyType ?? '?'}`);
}

/** SHA-1 of the certificate's SubjectPublicKeyInfo, hex: the CKA_ID this project writes. */
export function keyIdOf(der: Uint8Array): string {
  const spki = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha1').update(spki).digest('hex');
}

export function isCaCertificate(der: Uint8Array): boolean {
  return new X509Certificate(der).ca;
}

/** Issuers of `leaf` among `pool`, nearest first, by name and signature. */
export function chainFrom(leaf: Uint8Array, pool: Uint8Array[]): Uint8Array[] {
  const certs = pool.map((d) => ({ der: d, x: new X509Certificate(d) }));
  const out: Uint8Array[] = [];
  let current = new X509Certificate(leaf);
  for (let depth = 0; depth < 8; depth++) {
    if (current.issuer === current.subject && current.verify(current.publicKey)) break;
    const next = certs.find((c) => c.x.subject === current.issuer && !out.includes(c.der) && current.verify(c.x.publicKey));
    if (!next) break;
    out.push(next.der);
    current = next.x;
  }
  return out;
}
