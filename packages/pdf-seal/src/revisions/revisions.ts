// The revisions of a signed PDF for people: which signature covers which revision, what each
// later revision changed, and the document exactly as it was when a signature was made.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { openPdf } from '../pdf/open.ts';
import { PdfString } from '../pdf/objects.ts';
import { PdfSealError } from '../errors.ts';
import type { PdfInput } from '../pdf/source.ts';
import { readTlv } from '../cms/der.ts';
import { parseCms } from '../verify/cms.ts';
import { subjectText } from '../verify/verify.ts';
import { analyseDocument, type SignedField } from '../analysis/analyse.ts';
import type { ChangeKind, ObjectChange } from '../analysis/rules.ts';

export type ChangeCounts = Record<ChangeKind, { added: number; changed: number; deleted: number }>;

export interface RevisionSignature {
  /** 1-based, in the order of the signatures' ByteRange ends (as verify lists them) */
  number: number;
  field: string;
  signer: string | null;
  certification: 1 | 2 | 3 | null;
}

export interface RevisionInfo {
  /** 1-based: revision 1 is the original document */
  number: number;
  start: number;
  end: number;
  /** signatures made in this revision */
  signatures: RevisionSignature[];
  /** signatures whose ByteRange covers this revision (made in it or later) */
  coveredBy: string[];
  /** what this revision changed against the previous one (empty for the first) */
  changes: ObjectChange[];
  counts: ChangeCounts;
}

export interface RevisionsReport {
  /** false when the cross-reference chain is damaged and revisions cannot be told apart */
  readable: boolean;
  size: number;
  revisions: RevisionInfo[];
}

const KINDS: ChangeKind[] = ['page-content', 'annotation', 'form-field', 'signature', 'dss', 'other'];

function countChanges(changes: ObjectChange[]): ChangeCounts {
  const counts = Object.fromEntries(KINDS.map((k) => [k, { added: 0, changed: 0, deleted: 0 }])) as ChangeCounts;
  for (const c of changes) counts[c.kind][c.action]++;
  return counts;
}

function signerOf(s: SignedField): string | null {
  try {
    const c = Buffer.from((s.sig.get('Contents') as PdfString).bytes);
    const cert = parseCms(c.subarray(0, readTlv(c).end)).signerCert;
    return cert ? subjectText(cert) : null;
  } catch {
    return null;
  }
}

const byEnd = (a: SignedField, b: SignedField) => end(a) - end(b);
const end = (s: SignedField) => (s.byteRange?.length === 4 ? s.byteRange[2] + s.byteRange[3] : 0);

export async function listDocumentRevisions(input: PdfInput): Promise<RevisionsReport> {
  const reader = openPdf(input);
  try {
    if (reader.encrypted) throw new PdfSealError('PDF_ENCRYPTED', '加密文件无法列出版本');
    const a = analyseDocument(reader, { everyRevision: true });
    const signed = [...a.signed].sort(byEnd);
    if (!a.revisions) return { readable: false, size: reader.size, revisions: [] };
    const revisions = a.revisions.map((r): RevisionInfo => {
      const changes = a.changes[r.index] ?? [];
      return {
        number: r.index + 1,
        start: r.start,
        end: r.end,
        signatures: signed
          .map((s, i) => ({ s, i }))
          .filter(({ s }) => s.revision === r.index)
          .map(({ s, i }) => ({ number: i + 1, field: s.field, signer: signerOf(s), certification: s.certifies ?? null })),
        coveredBy: signed.filter((s) => s.revision !== undefined && s.revision >= r.index).map((s) => s.field),
        changes,
        counts: countChanges(changes),
      };
    });
    return { readable: true, size: reader.size, revisions };
  } finally {
    reader.source.close();
  }
}

/**
 * The document as it was when signature `which` (1-based number, or field name) was made: the
 * file's first bytes up to the end of that signature's revision, byte for byte.
 */
export async function extractSignedRevision(input: PdfInput, which: number | string, output?: string): Promise<Uint8Array | void> {
  const report = await listDocumentRevisions(input);
  const rev = report.revisions.find((r) => r.signatures.some((s) => (typeof which === 'number' ? s.number === which : s.field === which)));
  if (!rev) throw new PdfSealError('PDF_UNREADABLE', `找不到签章 ${which} 所在的版本`);
  if (typeof input !== 'string') {
    const bytes = input.subarray(0, rev.end);
    if (!output) return bytes;
    await pipeline(async function* () {
      yield bytes;
    }, createWriteStream(output));
    return;
  }
  if (!output) {
    const chunks: Buffer[] = [];
    for await (const c of createReadStream(input, { start: 0, end: rev.end - 1 }) as AsyncIterable<Buffer>) chunks.push(c);
    return new Uint8Array(Buffer.concat(chunks));
  }
  await pipeline(createReadStream(input, { start: 0, end: rev.end - 1 }), createWriteStream(output));
}
