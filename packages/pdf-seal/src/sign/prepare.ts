import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { IncrementalUpdate } from '../pdf/writer.ts';
import { PdfDict, PdfRaw, PdfRef, name, pdfDate, textString, type PdfObject } from '../pdf/objects.ts';
import { openPdf, refuseEncrypted } from '../pdf/open.ts';
import type { PdfReader } from '../pdf/reader.ts';
import { buildWidgets } from '../appearance/placement.ts';
import { signedAttributes, keyAlgorithmOf } from '../cms/build.ts';
import { hashAndCopy, hashInput } from '../io.ts';
import { PdfSealError } from '../errors.ts';
import type { PdfInput } from '../pdf/source.ts';
import type { Prepared, PreparedState, SignOptions } from '../types.ts';
import { addAnnotations, docMdpPermission, registerField, uniqueFieldName } from './structure.ts';
import { signingRefusal } from '../analysis/analyse.ts';

const WIDGET_FLAGS = 4 | 128; // Print | Locked
/** digits reserved per ByteRange number: room for files up to 10^12 bytes */
const BYTE_RANGE_DIGITS = 12;

export function defaultContentsSize(certs: Uint8Array[]): number {
  // CMS structure, signature value, a timestamp token with its own chain, and slack
  return certs.reduce((n, c) => n + c.length, 0) + 16384;
}

interface BuiltRevision {
  tail: Buffer;
  contentsAt: number;
  contentsHexLength: number;
  byteRange: [number, number, number, number];
  fieldName: string;
}

function buildRevision(reader: PdfReader, signerCert: Uint8Array, chain: Uint8Array[], opts: SignOptions): BuiltRevision {
  const mdp = docMdpPermission(reader);
  const refusal = signingRefusal(reader, mdp, opts.certify);
  if (refusal) throw new PdfSealError('SEAL_NOT_ALLOWED', refusal);
  const update = new IncrementalUpdate(reader);
  const pages = reader.pages();
  if (!pages.length && opts.placements?.length) throw new PdfSealError('PDF_UNREADABLE', '文件中没有页面');
  const fieldName = uniqueFieldName(reader, opts.fieldName);
  const fieldRef = update.alloc();
  const sigRef = update.alloc();

  const contentsBytes = opts.contentsSize ?? defaultContentsSize([signerCert, ...chain]);
  const contentsHexLength = contentsBytes * 2;
  const sig = new PdfDict({
    Type: name('Sig'),
    Filter: name('Adobe.PPKLite'),
    SubFilter: name('ETSI.CAdES.detached'),
    ByteRange: new PdfRaw(Buffer.from(`[0 ${'0'.repeat(BYTE_RANGE_DIGITS)} ${'0'.repeat(BYTE_RANGE_DIGITS)} ${'0'.repeat(BYTE_RANGE_DIGITS)}]`)),
    Contents: new PdfRaw(Buffer.from(`<${'0'.repeat(contentsHexLength)}>`)),
    M: textString(pdfDate(opts.signingTime ?? new Date())),
    Name: opts.name !== undefined ? textString(opts.name) : undefined,
    Reason: opts.reason !== undefined ? textString(opts.reason) : undefined,
    Location: opts.location !== undefined ? textString(opts.location) : undefined,
    ContactInfo: opts.contactInfo !== undefined ? textString(opts.contactInfo) : undefined,
  });
  let catalogEdits: ((c: PdfDict) => void) | undefined;
  if (opts.certify) {
    if (mdp !== undefined) throw new PdfSealError('SEAL_NOT_ALLOWED', '文件已有认证签章');
    sig.set('Reference', [
      new PdfDict({
        Type: name('SigRef'),
        TransformMethod: name('DocMDP'),
        TransformParams: new PdfDict({ Type: name('TransformParams'), P: opts.certify, V: name('1.2') }),
      }),
    ]);
    catalogEdits = (c) => {
      const perms = reader.dict(c.get('Perms'))?.clone() ?? new PdfDict();
      perms.set('DocMDP', sigRef);
      c.set('Perms', perms);
    };
  }
  update.set(sigRef, sig);

  const field = new PdfDict({ FT: name('Sig'), T: textString(fieldName), V: sigRef });
  const placements = opts.placements ?? [];
  const byPage = new Map<number, PdfRef[]>();
  if (!placements.length) {
    // invisible: the field is its own zero-size widget on the first page
    field.set('Type', name('Annot'));
    field.set('Subtype', name('Widget'));
    field.set('Rect', [0, 0, 0, 0]);
    field.set('F', WIDGET_FLAGS);
    // a document without pages still gets its (pageless) signature field
    if (pages.length) byPage.set(0, [fieldRef]);
  } else {
    const widgets = buildWidgets(pages, placements, (o) => update.add(o));
    const kids: PdfObject[] = [];
    for (const w of widgets) {
      const ref = update.add(
        new PdfDict({
          Type: name('Annot'),
          Subtype: name('Widget'),
          Parent: fieldRef,
          // /V is inherited from the field, but poppler (pdfsig, Evince) reads a kid that has
          // /Parent as a field of its own and looks for /V there; repeating it keeps them working
          V: sigRef,
          Rect: w.rect,
          F: WIDGET_FLAGS,
          AP: new PdfDict({ N: w.appearance }),
        }),
      );
      kids.push(ref);
      byPage.set(w.pageIndex, [...(byPage.get(w.pageIndex) ?? []), ref]);
    }
    field.set('Kids', kids);
  }
  update.set(fieldRef, field);
  for (const [pageIndex, refs] of byPage) {
    const pageRef = addAnnotations(update, reader, pages[pageIndex], refs);
    for (const r of refs) (update.current(r) as PdfDict).set('P', pageRef);
  }
  registerField(update, reader, fieldRef, catalogEdits);

  const built = update.build();
  const tail = built.tail;
  const sigAt = built.objectOffsets.get(sigRef.num)!;
  const brAt = tail.indexOf('/ByteRange [', sigAt, 'latin1') + '/ByteRange '.length;
  const contentsAt = tail.indexOf(`<${'0'.repeat(contentsHexLength)}>`, sigAt, 'latin1');
  const base = reader.size;
  const a = base + contentsAt;
  const b = a + contentsHexLength + 2;
  const byteRange: [number, number, number, number] = [0, a, b, base + tail.length - b];
  const brText = `[0 ${a} ${b} ${byteRange[3]}]`;
  const width = 3 + 3 * BYTE_RANGE_DIGITS + 3;
  tail.write(brText.padEnd(width, ' '), brAt, 'latin1');
  return { tail, contentsAt, contentsHexLength, byteRange, fieldName };
}

export interface PrepareInternals {
  /** sign() checks identity by size and modification time instead of a second hash pass */
  skipOriginalHash?: boolean;
  /** sign() writing to another file: the original is copied there by the pass that hashes it */
  copyOriginalTo?: string;
}

export async function prepare(
  input: PdfInput,
  signerCertificate: Uint8Array,
  chain: Uint8Array[],
  opts: SignOptions = {},
  internals: PrepareInternals = {},
): Promise<Prepared> {
  const keyAlgorithm = (() => {
    try {
      return keyAlgorithmOf(signerCertificate);
    } catch (e) {
      throw new PdfSealError('SIGNING_FAILED', '证书的密钥算法不受支持', { cause: e });
    }
  })();
  const reader = openPdf(input);
  let built: BuiltRevision;
  try {
    refuseEncrypted(reader);
    try {
      built = buildRevision(reader, signerCertificate, chain, opts);
    } catch (e) {
      if (e instanceof PdfSealError) throw e;
      throw new PdfSealError('PDF_UNREADABLE', '无法在该文件上添加签章', { cause: e });
    }
  } finally {
    reader.source.close();
  }
  const originalSize = reader.size;
  if (typeof input === 'string' && (await stat(input)).size !== originalSize) throw new PdfSealError('PDF_CHANGED');
  const doc = createHash('sha256');
  const whole = createHash('sha256');
  const hashes = internals.skipOriginalHash ? [doc] : [doc, whole];
  if (internals.copyOriginalTo !== undefined && typeof input === 'string') await hashAndCopy(input, hashes, internals.copyOriginalTo);
  else await hashInput(input, hashes);
  doc.update(built.tail.subarray(0, built.contentsAt));
  doc.update(built.tail.subarray(built.contentsAt + built.contentsHexLength + 2));
  const documentDigest = doc.digest();
  const attrs = signedAttributes(documentDigest, signerCertificate);
  const state: PreparedState = {
    v: 1,
    tail: built.tail.toString('base64'),
    contentsAt: built.contentsAt,
    contentsHexLength: built.contentsHexLength,
    byteRange: built.byteRange,
    originalSize,
    originalSha256: internals.skipOriginalHash ? '' : whole.digest('hex'),
    documentDigest: documentDigest.toString('hex'),
    signedAttributes: Buffer.from(attrs).toString('base64'),
    certificate: Buffer.from(signerCertificate).toString('base64'),
    chain: chain.map((c) => Buffer.from(c).toString('base64')),
    keyAlgorithm,
    fieldName: built.fieldName,
  };
  return { toSign: createHash('sha256').update(attrs).digest(), digestAlgorithm: 'SHA-256', state };
}
