// The few DER encodings a signature needs around what a token returns.

const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** DigestInfo(SHA-256, digest): what CKM_RSA_PKCS signs for a PKCS#1 v1.5 SHA-256 signature. */
export function sha256DigestInfo(digest: Uint8Array): Buffer {
  if (digest.length !== 32) throw new Error('SHA-256 digest must be 32 bytes');
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]);
}

function derInteger(unsigned: Uint8Array): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  let v = Buffer.from(unsigned.subarray(i));
  if (v[0]! & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return Buffer.concat([Buffer.from([0x02]), derLength(v.length), v]);
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

/** PKCS#11 CKM_ECDSA returns r‖s; CMS and X.509 want SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length % 2) throw new Error('raw ECDSA signature has odd length');
  const half = raw.length / 2;
  const body = Buffer.concat([derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half))]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]));
}
