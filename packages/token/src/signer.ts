// A Signer (the shape @hall/pdf-seal takes) over a certificate on a token.
import { TokenError, type KeyAlgorithm, type Token } from './token.ts';

export interface Signer {
  certificate: Uint8Array;
  chain: Uint8Array[];
  keyAlgorithm: KeyAlgorithm;
  sign(digest: Uint8Array, digestAlgorithm: 'SHA-256'): Promise<Uint8Array>;
}

/**
 * The PIN is held by the returned closure for as long as the caller keeps the Signer (one
 * signing operation in the CLI); it is never written anywhere.
 */
export async function tokenSigner(token: Token, certificateId: string, pin: string): Promise<Signer> {
  const certs = await token.certificates();
  const cert = certs.find((c) => c.id === certificateId.toLowerCase());
  if (!cert) throw new TokenError('BAD_REQUEST', 'CA 锁中没有该证书');
  return {
    certificate: cert.certificate,
    chain: cert.chain,
    keyAlgorithm: cert.keyAlgorithm,
    sign: (digest, digestAlgorithm) => token.sign(cert.id, pin, digest, digestAlgorithm),
  };
}

/** The only certificate of a token, or the one whose id is given; for CLIs that take no id. */
export async function pickCertificateId(token: Token, certificateId?: string): Promise<string> {
  const certs = await token.certificates();
  if (certificateId) return certificateId.toLowerCase();
  if (certs.length === 0) throw new TokenError('TOKEN_ABSENT', 'CA 锁中没有证书');
  if (certs.length > 1) throw new TokenError('BAD_REQUEST', `CA 锁中有 ${certs.length} 张证书，请指定证书 ID`);
  return certs[0]!.id;
}
