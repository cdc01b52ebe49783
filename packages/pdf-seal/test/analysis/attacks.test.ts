// Files built for each published attack on PDF signatures; verify must refuse every one of
// them (ok false, the CLI's exit 1) and say why. Classes as named by Ruhr University Bochum:
// Mladenov et al., "1 Trillion Dollar Refund" (CCS 2019: USF, ISA, SWA); Mainka et al.,
// "Shadow Attacks" (NDSS 2021: hide, replace, hide-and-replace); Mainka et al., "Breaking the
// Specification: PDF Certification" (S&P 2021: evil annotation, sneaky signature).
import { beforeAll, describe, expect, test } from 'vitest';
import { sign, verify, PdfSealError, type SignatureReport, type VerifyReport } from '@hall/pdf-seal';
import { makePdf, makeSealPng } from '../../src/testing/make-pdf.ts';
import { testIdentity, type TestIdentity } from '../../src/testing/signers.ts';
import { appendSignedUpdate, appendUpdate, content, objectText, page, stateOf, stream, withFieldRegistered } from './forge.ts';

let id: TestIdentity;
let base: Uint8Array;
let signed: Uint8Array;
const seal = { png: makeSealPng(), widthMm: 30 };
const EVIL = 'BT /F1 24 Tf 72 700 Td (Pay 1,000,000 to Mallory) Tj ET';

beforeAll(async () => {
  id = await testIdentity('RSA');
  base = makePdf([{}, {}]);
  signed = (await sign(base, id.signer, { placements: [{ kind: 'seal', pages: [1], x: 150, y: 200, image: seal }] })) as Uint8Array;
});

const anchors = () => ({ trustAnchors: [id.root] });
const disallowed = (s: SignatureReport) => (s.changes ?? []).filter((c) => !c.allowed);

async function refused(pdf: Uint8Array): Promise<VerifyReport> {
  const r = await verify(pdf, anchors());
  expect(r.ok).toBe(false);
  return r;
}

/** Adds annotation `num` to page 1 of a file made by makePdf and signed (its /Annots is direct). */
function withAnnotation(pdf: Uint8Array, num: number): { num: number; body: string } {
  const text = objectText(pdf, page(0));
  const body = text.includes('/Annots [') ? text.replace('/Annots [', `/Annots [${num} 0 R `) : text.replace(/>>\s*$/, `/Annots [${num} 0 R] >>`);
  return { num: page(0), body };
}

const box = (x0: number, y0: number, x1: number, y1: number) => stream(`/Type /XObject /Subtype /Form /BBox [0 0 ${x1 - x0} ${y1 - y0}]`, `1 1 1 rg 0 0 ${x1 - x0} ${y1 - y0} re f`);

describe('honest files pass (controls for the attacks below)', () => {
  test('our signature alone: ok, nothing after it', async () => {
    const r = await verify(signed, anchors());
    expect(r.ok).toBe(true);
    expect(r.signatures[0].modificationsAfter).toBe('none');
    expect(r.signatures[0].changes).toEqual([]);
  });

  test('a hand-placed honest signature passes, so the forging helper itself is sound', async () => {
    const st = stateOf(base);
    const out = await appendSignedUpdate(base, id.signer, {
      objects: [
        { num: st.root, body: `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${st.next} 0 R] /SigFlags 3 >> >>` },
        { num: page(0), body: objectText(base, page(0)).replace(/>>\s*$/, `/Annots [${st.next} 0 R] >>`) },
        { num: st.next, body: `<< /FT /Sig /T (Hand) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P ${page(0)} 0 R /V ${st.next + 1} 0 R >>` },
        { num: st.next + 1, body: '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange BYTERANGE /Contents <CONTENTS> >>' },
      ],
    });
    const r = await verify(out, anchors());
    expect(r.signatures[0].problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  test('a small comment added after an approval signature is allowed (no certification forbids it)', async () => {
    const n = stateOf(signed).next;
    const { pdf } = appendUpdate(signed, [withAnnotation(signed, n), { num: n, body: `<< /Type /Annot /Subtype /Square /Rect [400 700 440 740] /P ${page(0)} 0 R /AP << /N ${n + 1} 0 R >> >>` }, { num: n + 1, body: box(400, 700, 440, 740) }]);
    const r = await verify(pdf, anchors());
    expect(r.ok).toBe(true);
    expect(r.signatures[0].modificationsAfter).toBe('allowed');
    expect(r.signatures[0].changes?.map((c) => c.kind)).toContain('annotation');
  });
});

describe('universal signature forgery (USF): a signature that signs nothing', () => {
  const cmsHex = () => {
    const text = Buffer.from(signed).toString('latin1');
    const m = /\/Contents <([0-9a-f]+)>/.exec(text);
    return m![1];
  };
  for (const [name, sigDict] of [
    ['ByteRange [0 0 0 0] with a real CMS', () => `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 0 0 0] /Contents <${cmsHex()}> >>`],
    ['no ByteRange at all', () => `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Contents <${cmsHex()}> >>`],
    ['empty /Contents', () => '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] /Contents <> >>'],
  ] as const) {
    // USF (Mladenov 2019): signature dictionary present, but what it signs is empty or undefined
    test(name, async () => {
      const st = stateOf(base);
      const { pdf } = appendUpdate(base, [
        { num: st.root, body: `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${st.next} 0 R] /SigFlags 3 >> >>` },
        { num: st.next, body: `<< /FT /Sig /T (Forged) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P ${page(0)} 0 R /V ${st.next + 1} 0 R >>` },
        { num: st.next + 1, body: sigDict() },
      ]);
      const r = await refused(pdf);
      for (const s of r.signatures) expect(s.intact).toBe(false);
    });
  }
});

describe('incremental saving attack (ISA): an update appended after the signature', () => {
  // ISA (Mladenov 2019): a new revision redefines an object the signature covered
  test('replaces the page content stream', async () => {
    const { pdf } = appendUpdate(signed, [{ num: content(0), body: stream('', EVIL) }]);
    const r = await refused(pdf);
    const s = r.signatures[0];
    expect(s.intact).toBe(true); // pdfsig, mutool and PDFBox stop here and call it valid
    expect(s.modificationsAfter).toBe('disallowed');
    expect(disallowed(s)).toEqual([expect.objectContaining({ object: `${content(0)} 0`, kind: 'page-content', action: 'changed' })]);
  });

  // ISA (Mladenov 2019): the page object itself is redefined to show new content
  test('points the page at a new content stream', async () => {
    const n = stateOf(signed).next;
    const pageText = objectText(signed, page(0)).replace(`/Contents ${content(0)} 0 R`, `/Contents ${n} 0 R`);
    const { pdf } = appendUpdate(signed, [{ num: page(0), body: pageText }, { num: n, body: stream('', EVIL) }]);
    const s = (await refused(pdf)).signatures[0];
    expect(disallowed(s).map((c) => c.kind)).toContain('page-content');
  });

  // Shadow replace-via-overwrite (Mainka 2021) by xref only: ISA with no new object at all
  test('re-points an xref entry at a second definition hidden in the signed bytes (shadow replace via xref)', async () => {
    // before signing: a second "5 0 obj" with other text, written but left out of the xref
    const pre = appendUpdate(base, [{ num: 3, body: objectText(base, 3) }], { unlisted: `${content(0)} 0 obj\n${stream('', EVIL)}\nendobj\n` });
    const hiddenAt = pre.offsets.get(content(0))!;
    const preSigned = (await sign(pre.pdf, id.signer, {})) as Uint8Array;
    expect((await verify(preSigned, anchors())).ok).toBe(true);
    // after signing: an update that is nothing but one xref entry
    const { pdf } = appendUpdate(preSigned, [], { repoint: { [content(0)]: hiddenAt } });
    const s = (await refused(pdf)).signatures[0];
    expect(disallowed(s)[0].reason).toMatch(/增量保存攻击/);
  });
});

describe('shadow attacks: content prepared before signing, revealed after', () => {
  // Shadow hide-and-replace (Mainka 2021): the replacement is signed in advance, unused
  test('hide-and-replace: an object defined but unused when signed is used later', async () => {
    // before signing: object N (an opaque form showing other text) is in the xref, used by nothing
    const st = stateOf(base);
    const hidden = st.next;
    const pre = appendUpdate(base, [{ num: hidden, body: stream('/Type /XObject /Subtype /Form /BBox [0 0 400 60]', `1 1 1 rg 0 0 400 60 re f ${EVIL}`) }]).pdf;
    const preSigned = (await sign(pre, id.signer, {})) as Uint8Array;
    expect((await verify(preSigned, anchors())).ok).toBe(true);
    // after signing: a small, ordinary-looking annotation whose appearance is the hidden object
    const n = stateOf(preSigned).next;
    const { pdf } = appendUpdate(preSigned, [withAnnotation(preSigned, n), { num: n, body: `<< /Type /Annot /Subtype /Square /Rect [72 690 300 720] /P ${page(0)} 0 R /AP << /N ${hidden} 0 R >> >>` }]);
    const s = (await refused(pdf)).signatures[0];
    expect(disallowed(s)[0].reason).toMatch(/影子攻击/);
  });

  // Shadow hide (Mainka 2021): an overlay painted over the signed content
  test('hide: a full-page overlay annotation hides the signed text', async () => {
    const n = stateOf(signed).next;
    const { pdf } = appendUpdate(signed, [withAnnotation(signed, n), { num: n, body: `<< /Type /Annot /Subtype /Square /Rect [0 0 595 842] /P ${page(0)} 0 R /AP << /N ${n + 1} 0 R >> >>` }, { num: n + 1, body: box(0, 0, 595, 842) }]);
    const s = (await refused(pdf)).signatures[0];
    expect(disallowed(s)[0]).toMatchObject({ kind: 'annotation', action: 'added' });
    expect(disallowed(s)[0].reason).toMatch(/覆盖/);
  });

  // Shadow hide, optional-content variant (Mainka 2021): signed-in content revealed by a layer switch
  test('hide-and-reveal: a content layer hidden when signed is switched on later', async () => {
    // before signing: text in optional-content group L1, switched off in the default view
    const st = stateOf(base);
    const [ocg, ocp] = [st.next, st.next + 1];
    const pageText = objectText(base, page(0)).replace('/Resources << /Font << /F1 3 0 R >> >>', `/Resources << /Font << /F1 3 0 R >> /Properties << /L1 ${ocg} 0 R >> >>`);
    const pre = appendUpdate(base, [
      { num: st.root, body: `<< /Type /Catalog /Pages 2 0 R /OCProperties ${ocp} 0 R >>` },
      { num: page(0), body: pageText },
      { num: content(0), body: stream('', `BT /F1 24 Tf 72 742 Td (Page 1) Tj ET /OC /L1 BDC ${EVIL} EMC`) },
      { num: ocg, body: '<< /Type /OCG /Name (L1) >>' },
      { num: ocp, body: `<< /OCGs [${ocg} 0 R] /D << /Order [${ocg} 0 R] /OFF [${ocg} 0 R] >> >>` },
    ]).pdf;
    const preSigned = (await sign(pre, id.signer, {})) as Uint8Array;
    expect((await verify(preSigned, anchors())).ok).toBe(true);
    // after signing: the layer's default state flips to on; no page object changes at all
    const { pdf } = appendUpdate(preSigned, [{ num: ocp, body: `<< /OCGs [${ocg} 0 R] /D << /Order [${ocg} 0 R] /ON [${ocg} 0 R] >> >>` }]);
    const s = (await refused(pdf)).signatures[0];
    expect(disallowed(s)[0]).toMatchObject({ object: `${ocp} 0`, kind: 'page-content' });
  });
});

describe('signature wrapping (SWA) and ByteRange tricks', () => {
  const handSigned = (contents: string, extra: { num: number; body: string }[] = [], end?: 'before-xref') => {
    const st = stateOf(base);
    return appendSignedUpdate(base, id.signer, {
      end,
      objects: [
        { num: st.root, body: `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${st.next} 0 R] /SigFlags 3 >> >>` },
        { num: page(0), body: objectText(base, page(0)).replace(/>>\s*$/, `/Annots [${st.next} 0 R] >>`) },
        { num: st.next, body: `<< /FT /Sig /T (Wrapped) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P ${page(0)} 0 R /V ${st.next + 1} 0 R >>` },
        { num: st.next + 1, body: `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange BYTERANGE /Contents ${contents} >>` },
        ...extra.map((e) => ({ num: st.next + 2 + e.num, body: e.body })),
      ],
    });
  };

  // SWA (Mladenov 2019): the excluded gap is not the signature dictionary's own /Contents
  test('the gap is a hex string outside the signature dictionary (its /Contents only points there)', async () => {
    const st = stateOf(base);
    const pdf = await handSigned(`${st.next + 2} 0 R`, [{ num: 0, body: '<CONTENTS>' }]);
    const s = (await refused(pdf)).signatures[0];
    expect(s.problems.join()).toMatch(/签名包装攻击/);
  });

  // ByteRange coverage (pyHanko tail-uncovered): bytes of the signing revision left unsigned
  test('the ByteRange stops before its revision ends (the xref and trailer are not covered)', async () => {
    const pdf = await handSigned('<CONTENTS>', [], 'before-xref');
    const s = (await refused(pdf)).signatures[0];
    expect(s.coverage).toBe('partial');
  });

  // SWA (Mladenov 2019): a gap widened to hide injected bytes
  test('the gap holds more than /Contents (room for wrapped objects)', async () => {
    const text = Buffer.from(signed).toString('latin1');
    const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]/.exec(text)!;
    const [a, b, c] = [+m[1], +m[2], +m[3]];
    // widen the gap by 10 bytes at its end: same digits count, so nothing else moves
    const forged = text.replace(m[0], m[0].replace(`${b} ${c}`, `${b + 10} ${c - 10}`.padEnd(`${b} ${c}`.length, ' ')));
    expect(forged.length).toBe(text.length);
    void a;
    const r = await refused(Buffer.from(forged, 'latin1'));
    expect(r.signatures[0].intact).toBe(false);
  });
});

describe('certification attacks (DocMDP)', () => {
  let certified2: Uint8Array;
  beforeAll(async () => {
    certified2 = (await sign(base, id.signer, { certify: 2, placements: [{ kind: 'seal', pages: [1], x: 150, y: 200, image: seal }] })) as Uint8Array;
  });

  test('honest: an approval seal after a P=2 certification is allowed', async () => {
    const out = (await sign(certified2, id.signer, { placements: [{ kind: 'seal', pages: [2], x: 300, y: 300, image: seal }] })) as Uint8Array;
    const r = await verify(out, anchors());
    expect(r.ok).toBe(true);
    expect(r.signatures.map((s) => s.modificationsAfter)).toEqual(['allowed', 'none']);
  });

  // Evil Annotation Attack (Mainka 2021, certification): annotations where P=2 forbids them
  test('evil annotation attack: an overlay annotation added under a P=2 certification', async () => {
    const n = stateOf(certified2).next;
    const { pdf } = appendUpdate(certified2, [withAnnotation(certified2, n), { num: n, body: `<< /Type /Annot /Subtype /FreeText /Rect [72 690 300 720] /P ${page(0)} 0 R /DA (/Helv 12 Tf 0 g) /Contents (Paid) /AP << /N ${n + 1} 0 R >> >>` }, { num: n + 1, body: box(72, 690, 300, 720) }]);
    const s = (await refused(pdf)).signatures[0];
    expect(disallowed(s)[0]).toMatchObject({ kind: 'annotation', action: 'added' });
    expect(disallowed(s)[0].reason).toMatch(/P=2/);
  });

  // Sneaky Signature Attack (Mainka 2021, certification): a signature widget as overlay
  test('sneaky signature attack: a signature widget that paints over the page under P=2', async () => {
    const st = stateOf(certified2);
    const pdf = await appendSignedUpdate(certified2, id.signer, {
      objects: [
        withFieldRegistered(certified2, st.next),
        withAnnotation(certified2, st.next),
        { num: st.next, body: `<< /FT /Sig /T (Sneaky) /Type /Annot /Subtype /Widget /Rect [0 0 595 842] /F 132 /P ${page(0)} 0 R /V ${st.next + 1} 0 R /AP << /N ${st.next + 2} 0 R >> >>` },
        { num: st.next + 1, body: '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange BYTERANGE /Contents <CONTENTS> >>' },
        { num: st.next + 2, body: box(0, 0, 595, 842) },
      ],
    });
    const r = await refused(pdf);
    expect(r.signatures[0].modificationsAfter).toBe('disallowed');
    expect(disallowed(r.signatures[0])[0].kind).toBe('signature');
  });

  // Certification P=1 (ISO 32000 DocMDP): no change at all, not even a signature
  test('P=1: any later signature is refused when signing and disallowed when verifying', async () => {
    const certified1 = (await sign(base, id.signer, { certify: 1 })) as Uint8Array;
    await expect(sign(certified1, id.signer, {})).rejects.toMatchObject({ code: 'SEAL_NOT_ALLOWED' });
    await expect(sign(certified1, id.signer, {})).rejects.toThrow(/P=1/);
    // a signer that ignores the certification
    const st = stateOf(certified1);
    const pdf = await appendSignedUpdate(certified1, id.signer, {
      objects: [
        withFieldRegistered(certified1, st.next),
        { num: st.next, body: `<< /FT /Sig /T (Late) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P ${page(0)} 0 R /V ${st.next + 1} 0 R >>` },
        { num: st.next + 1, body: '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange BYTERANGE /Contents <CONTENTS> >>' },
      ],
    });
    const r = await refused(pdf);
    expect(r.signatures[0].modificationsAfter).toBe('disallowed');
    expect(r.signatures[1].modificationsAfter).toBe('none');
  });

  test('certifying a document that is already signed is refused with a clear message', async () => {
    const err = await sign(signed, id.signer, { certify: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfSealError);
    expect((err as PdfSealError).message).toMatch(/第一个签章/);
  });
});
