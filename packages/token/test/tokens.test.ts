// Tokens against the real thing: SoftHSM2 through pkcs11js, and PKCS#12 files.
import { X509Certificate, createHash, verify } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIssuingCa, createRootCa, exportPkcs12, issueEnterpriseCertificate, renderOfficialSeal, renderPersonalSeal } from '@hall/pki';
import {
  SOFTHSM2_MODULE,
  TokenError,
  addSealToPkcs11,
  createSoftHsmToken,
  importP12IntoPkcs11,
  lockSoftHsmUserPin,
  markSoftHsmFinalTry,
  openP12Token,
  openPkcs11Token,
  tokenSigner,
  type Token,
} from '@hall/token';

const dir = mkdtempSync(join(tmpdir(), 'token-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CODE = '91350100M000100Y43';
const PIN = '111111';
const OFFICIAL = renderOfficialSeal('景德镇市城市建设投资集团有限责任公司', { sizePx: 200 });
const PERSONAL = renderPersonalSeal('王五', { sizePx: 150 });

async function tokenError(p: Promise<unknown>): Promise<TokenError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TokenError) return e;
    throw e;
  }
  throw new Error('expected a TokenError');
}

function digestOf(text: string) {
  const data = Buffer.from(text);
  return { data, digest: new Uint8Array(createHash('sha256').update(data).digest()) };
}

describe('tokens', async () => {
  const root = await createRootCa({ commonName: '测试根 CA' });
  const ca = await createIssuingCa(root, { commonName: '测试 CA', keyAlgorithm: 'ECDSA-P256' });
  const rsa = await issueEnterpriseCertificate(ca, { unitName: '甲公司', creditCode: CODE, keyAlgorithm: 'RSA' });
  const ec = await issueEnterpriseCertificate(ca, { unitName: '乙公司', creditCode: CODE, keyAlgorithm: 'ECDSA-P256' });
  const rsaP12 = await exportPkcs12({ ...rsa, password: PIN });
  const ecP12 = await exportPkcs12({ ...ec, password: PIN });

  const hsmDir = join(dir, 'hsm');
  const hsm = await createSoftHsmToken({ dir: hsmDir, label: 'ent-a', soPin: '12345678', pin: PIN });
  await createSoftHsmToken({ dir: hsmDir, label: 'ent-b', soPin: '12345678', pin: PIN });
  const rsaId = await importP12IntoPkcs11({ module: hsm.module, env: hsm.env, tokenLabel: 'ent-a', pin: PIN, p12: rsaP12, password: PIN });
  const ecId = await importP12IntoPkcs11({ module: hsm.module, env: hsm.env, tokenLabel: 'ent-b', pin: PIN, p12: ecP12, password: PIN });
  for (const [label, id] of [['ent-a', rsaId], ['ent-b', ecId]] as const) {
    await addSealToPkcs11({ module: hsm.module, env: hsm.env, tokenLabel: label, pin: PIN, name: '公章', png: OFFICIAL, certificateId: id, widthMm: 42 });
    await addSealToPkcs11({ module: hsm.module, env: hsm.env, tokenLabel: label, pin: PIN, name: '法人章', png: PERSONAL, widthMm: 20 });
  }

  const p12File = join(dir, 'ec.p12');
  writeFileSync(p12File, ecP12);
  mkdirSync(`${p12File}.seals`);
  writeFileSync(join(`${p12File}.seals`, '公章.png'), OFFICIAL);

  const backends: [string, () => Token, string, string][] = [
    ['PKCS#11 RSA', () => openPkcs11Token({ module: SOFTHSM2_MODULE, tokenLabel: 'ent-a', env: hsm.env }), rsaId, 'RSA'],
    ['PKCS#11 ECDSA', () => openPkcs11Token({ module: SOFTHSM2_MODULE, tokenLabel: 'ent-b', env: hsm.env }), ecId, 'ECDSA-P256'],
    ['PKCS#12 RSA', () => openP12Token({ bytes: rsaP12, password: PIN, seals: [{ name: '公章', png: OFFICIAL, widthMm: 42 }] }), rsaId, 'RSA'],
    ['PKCS#12 ECDSA (file)', () => openP12Token({ file: p12File, password: PIN }), ecId, 'ECDSA-P256'],
  ];

  for (const [name, open, id, alg] of backends) {
    describe(name, () => {
      it('lists the certificate with its chain, and the seals', async () => {
        const token = open();
        const [status] = await token.status();
        expect(status?.present).toBe(true);
        const certs = await token.certificates();
        expect(certs.map((c) => c.id)).toEqual([id]);
        expect(certs[0]!.keyAlgorithm).toBe(alg);
        expect(certs[0]!.chain.map((c) => new X509Certificate(c).subject)).toEqual([
          new X509Certificate(ca.certificate).subject,
          new X509Certificate(root.certificate).subject,
        ]);
        const seals = await token.seals(id);
        expect(seals.map((s) => s.name)).toContain('公章');
        expect(Buffer.from(seals.find((s) => s.name === '公章')!.png).equals(Buffer.from(OFFICIAL))).toBe(true);
      });

      it('signs a digest so that the certificate verifies it', async () => {
        const token = open();
        const { data, digest } = digestOf(`签名内容 ${name}`);
        const sig = await token.sign(id, PIN, digest, 'SHA-256');
        const cert = new X509Certificate((await token.certificates())[0]!.certificate);
        expect(verify('sha256', data, cert.publicKey, sig)).toBe(true); // ECDSA: DER, as node expects by default
        const signer = await tokenSigner(token, id, PIN);
        expect(signer.keyAlgorithm).toBe(alg);
        expect(verify('sha256', data, cert.publicKey, await signer.sign(digest, 'SHA-256'))).toBe(true);
      });

      it('answers PIN_INCORRECT to a wrong PIN, with no invented try counter', async () => {
        const e = await tokenError(open().sign(id, '000000', digestOf('x').digest, 'SHA-256'));
        expect(e.code).toBe('PIN_INCORRECT');
        expect(e.message).toContain('PIN 码错误');
        expect(e.triesLeft).toBeUndefined();
      });
    });
  }

  it('PKCS#11: binds seals to their certificate by the label', async () => {
    const token = openPkcs11Token({ module: SOFTHSM2_MODULE, env: hsm.env });
    expect((await token.certificates()).map((c) => c.id).sort()).toEqual([rsaId, ecId].sort());
    const seals = await token.seals(rsaId);
    expect(seals.map((s) => [s.name, s.widthMm, s.certificateId])).toEqual(
      expect.arrayContaining([
        ['公章', 42, rsaId],
        ['法人章', 20, undefined],
      ]),
    );
  });

  it('PKCS#11: reports the last try and the locked PIN the token flags tell', async () => {
    const own = await createSoftHsmToken({ dir: join(dir, 'lock'), label: 'lock-me', soPin: '12345678', pin: PIN });
    const id = await importP12IntoPkcs11({ module: own.module, env: own.env, tokenLabel: 'lock-me', pin: PIN, p12: rsaP12, password: PIN });
    const token = openPkcs11Token({ module: own.module, env: own.env, tokenLabel: 'lock-me' });
    markSoftHsmFinalTry(own.tokenDir, 'lock-me');
    const last = await tokenError(token.sign(id, '000000', digestOf('x').digest, 'SHA-256'));
    expect(last).toMatchObject({ code: 'PIN_INCORRECT', triesLeft: 1 });
    lockSoftHsmUserPin(own.tokenDir, 'lock-me');
    // even the right PIN is not tried on a locked token
    const locked = await tokenError(token.sign(id, PIN, digestOf('x').digest, 'SHA-256'));
    expect(locked.code).toBe('PIN_LOCKED');
    expect(locked.message).toContain('锁定');
  });

  it('PKCS#11: TOKEN_ABSENT when the token is gone or the module missing', async () => {
    const own = await createSoftHsmToken({ dir: join(dir, 'gone'), label: 'gone', soPin: '12345678', pin: PIN });
    const token = openPkcs11Token({ module: own.module, env: own.env, tokenLabel: 'gone' });
    expect(await token.certificates()).toEqual([]);
    rmSync(own.tokenDir, { recursive: true, force: true });
    mkdirSync(own.tokenDir);
    expect((await tokenError(token.certificates())).code).toBe('TOKEN_ABSENT');
    expect(await token.status()).toEqual([{ label: 'gone', manufacturer: '', present: false }]);
    const noModule = openPkcs11Token({ module: join(dir, 'no-such-module.so') });
    expect((await tokenError(noModule.certificates())).code).toBe('TOKEN_ABSENT');
    expect(await noModule.status()).toEqual([]);
  });

  it('PKCS#12: TOKEN_ABSENT when the file is gone', async () => {
    const file = join(dir, 'gone.p12');
    writeFileSync(file, rsaP12);
    const token = openP12Token({ file, password: PIN });
    expect(await token.certificates()).toHaveLength(1);
    rmSync(file);
    expect((await tokenError(token.certificates())).code).toBe('TOKEN_ABSENT');
    expect((await token.status())[0]?.present).toBe(false);
  });
});
