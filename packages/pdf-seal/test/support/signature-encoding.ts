// Encodings the Signer contract asks for that raw key operations do not give.

const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** RSA PKCS#1 v1.5 signs DigestInfo(SHA-256, digest), not the bare digest. */
export function digestInfoSha256(digest: Uint8Array): Buffer {
  if (digest.length !== 32) throw new Error(`SHA-256 digest expected, got ${digest.length} bytes`);
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]);
}

function derInteger(bytes: Uint8Array): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let v = Buffer.from(bytes.subarray(i));
  if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return Buffer.concat([Buffer.from([0x02, v.length]), v]);
}

/** raw r‖s (PKCS#11 CKM_ECDSA, WebCrypto) → DER Ecdsa-Sig-Value. */
export function derEcdsaSignature(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const body = Buffer.concat([derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half))]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30, body.length]), body]));
}
