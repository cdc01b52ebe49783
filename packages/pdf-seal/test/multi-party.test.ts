// Five parties seal one PDF in turn, each with its own kind of placement and key; after every
// step pdfsig, PDFBox and our verifier must all call every signature valid. Then PDFBox adds
// a signature to our output and we add one to PDFBox's output.
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { sign, verify, type Placement, type Signer } from '@hall/pdf-seal';
import { checkAllSignatures } from './support/check-all.ts';
import { qpdfCheck } from './support/external.ts';
import { writePdf } from './support/make-pdf.ts';
import { pdfboxSign } from './support/pdfbox.ts';
import { redRoundSealPng } from './support/seal-image.ts';
import { useSigners } from './support/fixture.ts';

const fx = useSigners('parties');
const seal = { png: redRoundSealPng() };

async function expectAllValid(file: string, count: number) {
  expect((await qpdfCheck(file)).accepted).toBe(true);
  const r = await checkAllSignatures(file, count, [fx.signers.pki.root.certificate]);
  expect(r.problems).toEqual([]);
}

describe.sequential('five parties seal one PDF in turn', () => {
  const files: string[] = [];

  beforeAll(() => {
    const base = join(fx.work, 'base.pdf');
    writePdf(base, { pages: [{}, {}, {}, { rotate: 90 }] });
    files.push(base);
  });

  const parties: { name: string; key: () => Signer; placements: Placement[] }[] = [
    { name: 'single page, RSA P12', key: () => fx.signers.rsaP12, placements: [{ kind: 'seal', pages: [1], x: 150, y: 200, image: seal }] },
    { name: 'pages 1-3, ECDSA PKCS#11', key: () => fx.signers.pkcs11().ec, placements: [{ kind: 'seal', pages: [1, 2, 3], x: 400, y: 300, image: seal }] },
    { name: 'cross-page over all pages, RSA PKCS#11', key: () => fx.signers.pkcs11().rsa, placements: [{ kind: 'cross-page', pages: [1, 2, 3, 4], y: 450, image: seal }] },
    { name: 'text 2022年09月01日, ECDSA P12', key: () => fx.signers.ecP12, placements: [{ kind: 'text', page: 1, x: 300, y: 700, text: '2022年09月01日', fontSize: 14 }] },
    { name: 'invisible, RSA P12', key: () => fx.signers.rsaP12, placements: [] },
  ];

  parties.forEach((party, i) => {
    test(`party ${i + 1}: ${party.name}`, async () => {
      const out = join(fx.work, `party-${i + 1}.pdf`);
      await sign(files[i], party.key(), { placements: party.placements, fieldName: `Party${i + 1}`, reason: `第${i + 1}方盖章`, location: '景德镇' }, out);
      files.push(out);
      await expectAllValid(out, i + 1);
    });
  });

  test('PDFBox signs our output incrementally: all six valid', async () => {
    const out = join(fx.work, 'pdfbox-on-ours.pdf');
    await pdfboxSign(files[5], out, fx.signers.pki.ec.p12Path, fx.signers.pki.ec.p12Password);
    files.push(out);
    await expectAllValid(out, 6);
  });

  test("we sign PDFBox's output: all seven valid", async () => {
    const out = join(fx.work, 'ours-on-pdfbox.pdf');
    await sign(files[6], fx.signers.pkcs11().rsa, { placements: [{ kind: 'seal', pages: [2], x: 200, y: 600, image: seal }], fieldName: 'AfterPdfBox' }, out);
    await expectAllValid(out, 7);
    const report = await verify(out, { trustAnchors: [fx.signers.pki.root.certificate] });
    // each party's revision was followed only by signing and form filling
    for (const s of report.signatures.slice(0, -1)) expect(['allowed', 'none']).toContain(s.modificationsAfter);
    expect(report.signatures.at(-1)?.modificationsAfter).toBe('none');
    expect(report.signatures.at(-1)?.coverage).toBe('entire-file');
  });
});
