// RSA-2048 and ECDSA P-256, from a PKCS#12 file and from a SoftHSM2 token: each signs, and
// three verifiers accept the result. Also the two-phase flow the server uses
// (prepare → the key signs toSign elsewhere → finish), with the state passed through JSON.
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { finish, prepare, sign, verify, type Signer } from '@hall/pdf-seal';
import { checkAllSignatures } from './support/check-all.ts';
import { mutoolVerify, pdfsig, qpdfCheck } from './support/external.ts';
import { writePdf } from './support/make-pdf.ts';
import { pdfboxVerify } from './support/pdfbox.ts';
import { redRoundSealPng } from './support/seal-image.ts';
import { useSigners } from './support/fixture.ts';

const fx = useSigners('keys');
let base: string;
const seal = { png: redRoundSealPng() };

beforeAll(async () => {
  base = join(fx.work, 'base.pdf');
  writePdf(base, { pages: [{}, {}] });
});

const cases: { name: string; label: 'rsa' | 'ec'; key: () => Signer }[] = [
  { name: 'RSA-2048 from PKCS#12', label: 'rsa', key: () => fx.signers.rsaP12 },
  { name: 'ECDSA P-256 from PKCS#12', label: 'ec', key: () => fx.signers.ecP12 },
  { name: 'RSA-2048 on SoftHSM2 (PKCS#11)', label: 'rsa', key: () => fx.signers.pkcs11().rsa },
  { name: 'ECDSA P-256 on SoftHSM2 (PKCS#11)', label: 'ec', key: () => fx.signers.pkcs11().ec },
];

describe('every key kind signs and verifies', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const out = join(fx.work, `${c.name.replace(/\W+/g, '-')}.pdf`);
      await sign(base, c.key(), { placements: [{ kind: 'seal', pages: [1], x: 200, y: 200, image: seal }], reason: '测试' }, out);
      expect((await qpdfCheck(out)).accepted).toBe(true);
      expect((await checkAllSignatures(out, 1, [fx.signers.pki.root.certificate])).problems).toEqual([]);

      const ps = (await pdfsig(out)).signatures[0];
      expect(ps.type).toBe('ETSI.CAdES.detached');
      expect(ps.hashAlgorithm).toBe('SHA-256');
      expect(ps.signerName).toBe(fx.signers.identity(c.label).unitName);
      const box = (await pdfboxVerify(out)).signatures[0];
      expect(box.problems).toEqual([]); // includes: signing-certificate-v2 present
      const mu = await mutoolVerify(out);
      expect(mu.signatures.map((s) => s.digestOk)).toEqual([true]);

      const report = await verify(out, { trustAnchors: [fx.signers.pki.root.certificate] });
      expect(report.ok).toBe(true);
      expect(report.signatures[0].signer?.subject).toContain(fx.signers.identity(c.label).unitName);
      // without a trust anchor the signature is still intact, but not trusted
      const untrusted = await verify(out);
      expect(untrusted.signatures[0].intact).toBe(true);
      expect(untrusted.signatures[0].trusted).not.toBe(true);
    });
  }
});

test('two-phase: prepare, sign elsewhere, finish from JSON state', async () => {
  const signer = fx.signers.pkcs11().ec;
  const opts = { placements: [{ kind: 'seal' as const, pages: [2], x: 300, y: 400, image: seal }], fieldName: 'TwoPhase' };
  const prepared = await prepare(base, signer.certificate, signer.chain, opts);
  expect(prepared.toSign).toHaveLength(32);
  const state = JSON.parse(JSON.stringify(prepared.state)) as typeof prepared.state;
  const signature = await signer.sign(prepared.toSign, 'SHA-256');
  const out = join(fx.work, 'two-phase.pdf');
  await finish(base, state, signature, {}, out);
  expect((await checkAllSignatures(out, 1, [fx.signers.pki.root.certificate])).problems).toEqual([]);
});

test('a signature by the wrong key never yields a PDF that verifies', async () => {
  const signer = fx.signers.rsaP12;
  const prepared = await prepare(base, signer.certificate, signer.chain, {});
  const wrong = await fx.signers.pkcs11().rsa.sign(new Uint8Array(32).fill(7), 'SHA-256');
  const out = join(fx.work, 'wrong.pdf');
  // refusing at finish is best; if the library embeds it, every verifier must reject the result
  const refused = await finish(base, prepared.state, wrong, {}, out).then(
    () => false,
    (e: unknown) => (e as { code?: string }).code === 'SIGNING_FAILED',
  );
  if (!refused) {
    const report = await verify(out, { trustAnchors: [fx.signers.pki.root.certificate] });
    expect(report.ok).toBe(false);
    expect(report.signatures[0].intact).toBe(false);
    expect((await pdfboxVerify(out)).signatures[0].cmsVerifies).toBe(false);
  }
});
