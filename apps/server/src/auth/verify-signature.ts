// The key's signature over the login message. The agent signs SHA-256(message) as RSA
// PKCS#1 v1.5 over a DigestInfo or as ECDSA (DER; raw r‖s is accepted too, as some tokens
// answer), which node verifies as an ordinary SHA-256 signature of the message itself.
import { constants, verify, type KeyObject } from 'node:crypto';

export type LoginSignatureAlgorithm = 'sha256WithRSAEncryption' | 'ecdsa-with-SHA256';

export function verifyLoginSignature(publicKey: KeyObject, algorithm: LoginSignatureAlgorithm, message: string, signature: Buffer): boolean {
  const data = Buffer.from(message, 'utf8');
  try {
    if (algorithm === 'sha256WithRSAEncryption') {
      if (publicKey.asymmetricKeyType !== 'rsa') return false;
      return verify('sha256', data, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
    }
    if (publicKey.asymmetricKeyType !== 'ec') return false;
    return (
      verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, signature) ||
      verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
    );
  } catch {
    return false;
  }
}
