// Hand-made incremental updates and hand-placed signatures: what an attacker writes with a hex
// editor. Each helper produces exactly the bytes a test names, so that a test file stands for
// one published attack and nothing else.
import { createHash } from 'node:crypto';
import { BufferSource } from '../../src/pdf/source.ts';
import { PdfReader } from '../../src/pdf/reader.ts';
import { PdfRef } from '../../src/pdf/objects.ts';
import { assembleCms, signedAttributes } from '../../src/cms/build.ts';
import type { Signer } from '../../src/types.ts';

export const bytes = (s: string) => Buffer.from(s, 'latin1');

export interface DocState {
  size: number;
  startxref: number;
  root: number;
  next: number;
  reader: PdfReader;
}

export function stateOf(pdf: Uint8Array): DocState {
  const reader = new PdfReader(new BufferSource(pdf));
  return { size: pdf.length, startxref: reader.startxref, root: reader.catalogRef.num, next: reader.nextObjectNumber, reader };
}

/**
 * The object that holds /AcroForm /Fields with `field` added to them: the form dictionary when
 * it is an object of its own (as our signer creates it), else the catalog that contains it.
 */
export function withFieldRegistered(pdf: Uint8Array, field: number): UpdateObject {
  const st = stateOf(pdf);
  const form = st.reader.catalog.get('AcroForm');
  const num = form instanceof PdfRef ? form.num : st.root;
  const body = objectText(pdf, num);
  if (!body.includes('/Fields [')) throw new Error(`object ${num} holds no /Fields array`);
  return { num, body: body.replace('/Fields [', `/Fields [${field} 0 R `) };
}

export interface UpdateObject {
  num: number;
  /** the text between "N 0 obj" and "endobj" */
  body: string;
}

export interface UpdateOptions {
  /** xref entries pointing wherever the attacker likes: object number → file offset */
  repoint?: Record<number, number>;
  /** replaces /Root in the new trailer */
  root?: number;
  /** text written between the objects and the xref section, left out of the xref */
  unlisted?: string;
}

/** Appends one classic incremental update (objects, xref table, trailer with /Prev). */
export function appendUpdate(pdf: Uint8Array, objects: UpdateObject[], opts: UpdateOptions = {}): { pdf: Buffer; offsets: Map<number, number> } {
  const st = stateOf(pdf);
  let text = pdf[pdf.length - 1] === 10 ? '' : '\n';
  const offsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, st.size + text.length);
    text += `${o.num} 0 obj\n${o.body}\nendobj\n`;
  }
  if (opts.unlisted) {
    const m = /^(\d+) 0 obj/.exec(opts.unlisted);
    if (m) offsets.set(+m[1], st.size + text.length);
    text += opts.unlisted;
  }
  const entries = new Map<number, number>();
  for (const o of objects) entries.set(o.num, offsets.get(o.num)!);
  for (const [n, off] of Object.entries(opts.repoint ?? {})) entries.set(+n, off);
  const xrefAt = st.size + text.length;
  text += 'xref\n';
  for (const n of [...entries.keys()].sort((a, b) => a - b)) text += `${n} 1\n${String(entries.get(n)).padStart(10, '0')} 00000 n\r\n`;
  const size = Math.max(st.next, ...objects.map((o) => o.num + 1));
  text += `trailer\n<< /Size ${size} /Root ${opts.root ?? st.root} 0 R /Prev ${st.startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return { pdf: Buffer.concat([Buffer.from(pdf), bytes(text)]), offsets };
}

/** The text of an object as the newest revision holds it, for copy-and-edit attacks. */
export function objectText(pdf: Uint8Array, num: number): string {
  const r = stateOf(pdf).reader;
  const e = r.xref.get(num);
  if (!e || e.type !== 1) throw new Error(`object ${num} is not a plain object`);
  const text = Buffer.from(pdf).toString('latin1', e.offset);
  const body = text.slice(text.indexOf('obj') + 3, text.indexOf('endobj'));
  return body.trim();
}

export const HEX_LEN = 16384;

export interface SignedUpdate {
  /** objects of the update; one must contain CONTENTS (the placeholder) and BYTERANGE */
  objects: UpdateObject[];
  /**
   * where the ByteRange says the covered bytes end: at the revision's end (honest) or at the
   * start of the xref section (the tail of the revision left uncovered)
   */
  end?: 'revision' | 'before-xref';
}

/**
 * Appends an update holding a signature, and signs it the way a signer would: the digest of
 * the bytes outside the gap, CMS over it, hex written into the gap. The placeholder text
 * `<CONTENTS>` may stand anywhere — inside the signature dictionary (honest) or elsewhere.
 */
export async function appendSignedUpdate(pdf: Uint8Array, signer: Signer, u: SignedUpdate, opts: UpdateOptions = {}): Promise<Buffer> {
  const placeholder = `<${'0'.repeat(HEX_LEN)}>`;
  const brPlaceholder = `[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`;
  const objects = u.objects.map((o) => ({ num: o.num, body: o.body.replace('<CONTENTS>', placeholder).replace('BYTERANGE', brPlaceholder) }));
  const { pdf: out } = appendUpdate(pdf, objects, opts);
  const text = out.toString('latin1');
  const a = text.indexOf(placeholder, pdf.length);
  const b = a + placeholder.length;
  const end = u.end === 'before-xref' ? text.lastIndexOf('xref\n') : out.length;
  const br = `[0 ${a} ${b} ${end - b}]`.padEnd(brPlaceholder.length, ' ');
  out.write(br, text.indexOf(brPlaceholder, pdf.length), 'latin1');
  const digest = createHash('sha256').update(out.subarray(0, a)).update(out.subarray(b, end)).digest();
  const attrs = signedAttributes(digest, signer.certificate);
  const signature = await signer.sign(createHash('sha256').update(attrs).digest(), 'SHA-256');
  const cms = assembleCms({ signedAttrs: attrs, signature, signerCert: signer.certificate, chain: signer.chain, keyAlgorithm: signer.keyAlgorithm });
  out.write(Buffer.from(cms).toString('hex'), a + 1, 'latin1');
  return out;
}

/** The page objects of a file made by makePdf: page i is 4 + 2i, its content 5 + 2i. */
export const page = (i: number) => 4 + 2 * i;
export const content = (i: number) => 5 + 2 * i;

export function stream(dict: string, data: string): string {
  return `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
}
