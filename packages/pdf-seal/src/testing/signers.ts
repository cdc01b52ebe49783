// Throw-away keys and self-signed certificates for tests and benchmarks.
import 'reflect-metadata';
import { webcrypto, createPrivateKey, privateEncrypt, constants, type KeyObject } from 'node:crypto';
import { ecdsaP256SignDigest } from './ecdsa.ts';
import * as x509 from '@peculiar/x509';
import type { Signer, KeyAlgorithm } from '../types.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export interface TestIdentity {
  signer: Signer;
  certificate: Uint8Array;
  privateKey: KeyObject;
  /** the issuing (root) CA certificate */
  root: Uint8Array;
  /** the CA's key, for test responders (OCSP) that sign as the CA */
  caPrivateKey: webcrypto.CryptoKey;
  caAlgorithm: KeyAlgorithm;
}

/** Signs a digest the way a token does: PKCS#1 v1.5 over DigestInfo, or DER ECDSA. */
export function digestSigner(key: KeyObject, keyAlgorithm: KeyAlgorithm) {
  return async (digest: Uint8Array): Promise<Uint8Array> => {
    if (keyAlgorithm === 'RSA') return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
    return ecdsaP256SignDigest(key, digest);
  };
}

async function keyPair(alg: KeyAlgorithm) {
  const params =
    alg === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }
      : { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  return { keys, params };
}

async function toKeyObject(k: webcrypto.CryptoKey): Promise<KeyObject> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', k);
  return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
}

/** A root CA and a signer certificate issued by it; `ocspUrl` puts an OCSP responder in its AIA. */
export async function testIdentity(alg: KeyAlgorithm = 'RSA', subject = 'CN=测试单位印章,O=测试单位,C=CN', opts: { ocspUrl?: string } = {}): Promise<TestIdentity> {
  const ca = await keyPair(alg);
  const now = Date.now();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Test Root CA,O=Hall Test,C=CN',
    notBefore: new Date(now - 86400000),
    notAfter: new Date(now + 365 * 86400000),
    keys: ca.keys,
    signingAlgorithm: ca.params,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const leaf = await keyPair(alg);
  const leafCert = await x509.X509CertificateGenerator.create({
    serialNumber: '0a1b2c',
    subject,
    issuer: caCert.subject,
    notBefore: new Date(now - 3600000),
    notAfter: new Date(now + 365 * 86400000),
    publicKey: leaf.keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ca.params,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      ...(opts.ocspUrl ? [new x509.AuthorityInfoAccessExtension({ ocsp: opts.ocspUrl })] : []),
    ],
  });
  const privateKey = await toKeyObject(leaf.keys.privateKey);
  const certificate = new Uint8Array(leafCert.rawData);
  const root = new Uint8Array(caCert.rawData);
  return {
    certificate,
    privateKey,
    root,
    caPrivateKey: ca.keys.privateKey,
    caAlgorithm: alg,
    signer: { certificate, chain: [root], keyAlgorithm: alg, sign: digestSigner(privateKey, alg) },
  };
}
