// The signers the medium tests seal with: RSA-2048 and ECDSA P-256, each from a PKCS#12 file
// and from a throw-away SoftHSM2 token over PKCS#11, all through @hall/token.
import { join } from 'node:path';
import type { Signer } from '@hall/pdf-seal';
import {
  createSoftHsmToken,
  importP12IntoPkcs11,
  openP12Token,
  openPkcs11Token,
  pickCertificateId,
  tokenSigner,
  type Token,
} from '@hall/token';
import { createTestPki, type TestIdentity, type TestPki } from './pki.ts';

export interface SoftHsm {
  module: string;
  label: string;
  pin: string;
  /** SOFTHSM2_CONF of this token, for child processes (the CLI) */
  env: NodeJS.ProcessEnv;
  /** CKA_ID (hex) per identity label */
  ids: Record<string, string>;
}

export interface TestSigners {
  pki: TestPki;
  rsaP12: Signer;
  ecP12: Signer;
  softhsm: SoftHsm;
  /** PKCS#11 signers over the SoftHSM2 token */
  pkcs11(): { rsa: Signer; ec: Signer };
  identity(label: 'rsa' | 'ec'): TestIdentity;
  close(): Promise<void>;
}

/** A Signer over a PKCS#12 file, as `pdfseal sign --p12` opens it (the PIN is the password). */
export async function p12Signer(p12Path: string, password: string): Promise<{ signer: Signer; token: Token }> {
  const token = await openP12Token({ file: p12Path, password });
  return { signer: await tokenSigner(token, await pickCertificateId(token), password), token };
}

export async function openTestSigners(dir: string, opts: { crlBaseUrl?: string } = {}): Promise<TestSigners> {
  const pki = await createTestPki(dir, opts);
  const rsa = await p12Signer(pki.rsa.p12Path, pki.rsa.p12Password);
  const ec = await p12Signer(pki.ec.p12Path, pki.ec.p12Password);

  const label = 'HallTestKey';
  const pin = '123456';
  const hsm = await createSoftHsmToken({ dir: join(dir, 'softhsm'), label, soPin: '12345678', pin });
  const env = { ...process.env, ...hsm.env };
  const ids: Record<string, string> = {};
  for (const id of [pki.rsa, pki.ec]) {
    ids[id.label] = await importP12IntoPkcs11({ module: hsm.module, tokenLabel: label, env: hsm.env, pin, p12: id.p12Path, password: id.p12Password, label: id.label });
  }
  const p11Token = await openPkcs11Token({ module: hsm.module, tokenLabel: label, env: hsm.env });
  const p11 = { rsa: await tokenSigner(p11Token, ids.rsa, pin), ec: await tokenSigner(p11Token, ids.ec, pin) };
  return {
    pki,
    rsaP12: rsa.signer,
    ecP12: ec.signer,
    softhsm: { module: hsm.module, label, pin, env, ids },
    pkcs11: () => p11,
    identity: (l) => pki[l],
    async close() {
      await Promise.all([rsa.token.close(), ec.token.close(), p11Token.close()]);
    },
  };
}
