// Key handling shared by every issuer: one WebCrypto provider for @peculiar/x509 and pkijs,
// key generation, and import of PKCS#8 keys whose algorithm is read from the key itself.
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

export type KeyAlgorithm = 'RSA' | 'ECDSA-P256';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
export type { CryptoKey };

const subtle = webcrypto.subtle;
x509.cryptoProvider.set(webcrypto as never);
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));

export { subtle, x509 };

export function keyParams(alg: KeyAlgorithm): webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams {
  return alg === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' };
}

export function signingAlgorithm(alg: KeyAlgorithm): webcrypto.Algorithm {
  return alg === 'RSA' ? ({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as webcrypto.Algorithm) : ({ name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams);
}

export async function generateKeyPair(alg: KeyAlgorithm): Promise<CryptoKeyPair> {
  const params =
    alg === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  return (await subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.exportKey('pkcs8', key));
}

/** RSA or ECDSA P-256, read from the PKCS#8 structure. */
export function keyAlgorithmOfPkcs8(pkcs8: Uint8Array): KeyAlgorithm {
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType === 'rsa') return 'RSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ECDSA-P256';
  throw new Error(`unsupported key type ${key.asymmetricKeyType ?? '?'} ${key.asymmetricKeyDetails?.namedCurve ?? ''}`);
}

export async function importPkcs8(pkcs8: Uint8Array): Promise<{ key: CryptoKey; algorithm: KeyAlgorithm }> {
  const algorithm = keyAlgorithmOfPkcs8(pkcs8);
  const key = await subtle.importKey('pkcs8', pkcs8, keyParams(algorithm), true, ['sign']);
  return { key, algorithm };
}

/** A positive 128-bit serial, as hex (RFC 5280 allows up to 20 octets). */
export function randomSerial(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(16));
  b[0] = (b[0]! & 0x7f) | 0x10;
  return Buffer.from(b).toString('hex');
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** DER from DER or PEM input (the first block). */
export function fromPem(input: Uint8Array | string): Uint8Array {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  const m = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/.exec(text);
  if (!m) return typeof input === 'string' ? new Uint8Array(Buffer.from(input, 'latin1')) : input;
  return new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}

export function bytes(buf: ArrayBuffer | ArrayBufferView): Uint8Array {
  return buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
