// FieldMDP: a signature that locks form fields; filling a locked field afterwards is refused,
// filling one it does not lock is ordinary form filling.
import { beforeAll, describe, expect, test } from 'vitest';
import { verify } from '@hall/pdf-seal';
import { makePdf } from '../../src/testing/make-pdf.ts';
import { testIdentity, type TestIdentity } from '../../src/testing/signers.ts';
import { appendSignedUpdate, appendUpdate, page, objectText, stateOf, stream } from './forge.ts';

let id: TestIdentity;
let form: Uint8Array;
let nameField: number;

const text = (s: string) => stream('/Type /XObject /Subtype /Form /BBox [0 0 228 30]', `BT /F1 12 Tf 2 10 Td (${s}) Tj ET`);

beforeAll(async () => {
  id = await testIdentity('RSA');
  const base = makePdf([{}]);
  const st = stateOf(base);
  nameField = st.next;
  form = appendUpdate(base, [
    { num: st.root, body: `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${nameField} 0 R] /DA (/Helv 12 Tf 0 g) >> >>` },
    { num: page(0), body: objectText(base, page(0)).replace(/>>\s*$/, `/Annots [${nameField} 0 R] >>`) },
    { num: nameField, body: `<< /FT /Tx /T (Name) /V (Alice) /Type /Annot /Subtype /Widget /Rect [72 600 300 630] /P ${page(0)} 0 R /AP << /N ${nameField + 1} 0 R >> >>` },
    { num: nameField + 1, body: text('Alice') },
  ]).pdf;
});

async function signLocking(fields: string[]): Promise<Buffer> {
  const st = stateOf(form);
  const sig = st.next;
  return appendSignedUpdate(form, id.signer, {
    objects: [
      { num: st.root, body: `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${nameField} 0 R ${sig} 0 R] /DA (/Helv 12 Tf 0 g) /SigFlags 3 >> >>` },
      { num: page(0), body: objectText(form, page(0)).replace('/Annots [', `/Annots [${sig} 0 R `) },
      { num: sig, body: `<< /FT /Sig /T (Approver) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P ${page(0)} 0 R /V ${sig + 1} 0 R >>` },
      {
        num: sig + 1,
        body:
          '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange BYTERANGE /Contents <CONTENTS> ' +
          `/Reference [<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams /Action /Include /Fields [${fields.map((f) => `(${f})`).join(' ')}] /V /1.2 >> >>] >>`,
      },
    ],
  });
}

function fillName(pdf: Uint8Array, value: string): Buffer {
  const n = stateOf(pdf).next;
  const body = objectText(pdf, nameField).replace('(Alice)', `(${value})`).replace(`/N ${nameField + 1} 0 R`, `/N ${n} 0 R`);
  return appendUpdate(pdf, [{ num: nameField, body }, { num: n, body: text(value) }]).pdf;
}

describe('FieldMDP field locks', () => {
  test('a field the signature locked is filled in afterwards: disallowed', async () => {
    const r = await verify(fillName(await signLocking(['Name']), 'Mallory'));
    expect(r.ok).toBe(false);
    const bad = r.signatures[0].changes!.filter((c) => !c.allowed);
    expect(bad).toEqual([expect.objectContaining({ object: `${nameField} 0`, kind: 'form-field' })]);
    expect(bad[0].reason).toMatch(/锁定/);
  });

  test('a field the signature did not lock is filled in afterwards: allowed form filling', async () => {
    const r = await verify(fillName(await signLocking(['Other']), 'Bob'));
    expect(r.ok).toBe(true);
    expect(r.signatures[0].modificationsAfter).toBe('allowed');
    expect(r.signatures[0].changes!.some((c) => c.kind === 'form-field' && /填写/.test(c.reason))).toBe(true);
  });
});
