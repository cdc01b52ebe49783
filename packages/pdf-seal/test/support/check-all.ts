// One question asked of three verifiers that share no code: is every signature in this
// file valid, and does the newest one cover the whole file?
import { verify } from '@hall/pdf-seal';
import { distinctSignatures, pdfsig } from './external.ts';
import { pdfboxVerify } from './pdfbox.ts';

export interface AllValid {
  /** human-readable problems; empty when all three verifiers agree that all is well */
  problems: string[];
  pdfsigCount: number;
  oursCount: number;
  pdfboxCount: number;
}

/** `lastCoversAll` false when a revision without a signature (a DSS) follows the last one. */
export async function checkAllSignatures(file: string, expectedCount: number, trustAnchors: Uint8Array[], opts: { lastCoversAll?: boolean } = {}): Promise<AllValid> {
  const problems: string[] = [];
  const [ps, box, ours] = await Promise.all([pdfsig(file), pdfboxVerify(file), verify(file, { trustAnchors })]);

  if (!ps.completed) problems.push(`pdfsig did not complete: ${ps.output.slice(0, 300)}`);
  const pdfsigCount = distinctSignatures(ps).length;
  if (pdfsigCount !== expectedCount) problems.push(`pdfsig sees ${pdfsigCount} distinct signatures, expected ${expectedCount}`);
  for (const s of ps.signatures) if (!s.valid) problems.push(`pdfsig #${s.index} ${s.fieldName}: ${s.validation}`);
  if (opts.lastCoversAll !== false && ps.signatures.length && !ps.signatures.some((s) => s.totalDocumentSigned)) problems.push('pdfsig: no signature covers the whole document');

  if (!box.completed) problems.push(`PDFBox did not complete: ${box.output.slice(0, 500)}`);
  if (box.signatures.length !== expectedCount) problems.push(`PDFBox sees ${box.signatures.length} signatures, expected ${expectedCount}`);
  for (const s of box.signatures) if (!s.valid) problems.push(`PDFBox ${s.name ?? ''} ${s.byteRange}: ${s.problems.join(', ') || JSON.stringify(s)}`);

  if (ours.signatures.length !== expectedCount) problems.push(`our verify sees ${ours.signatures.length} signatures, expected ${expectedCount}`);
  if (!ours.ok) problems.push(`our verify not ok: ${JSON.stringify(ours.signatures.map((s) => ({ field: s.field, intact: s.intact, coverage: s.coverage, mods: s.modificationsAfter, trusted: s.trusted, problems: s.problems })))}`);
  for (const s of ours.signatures) {
    if (!s.intact) problems.push(`our verify: ${s.field} not intact`);
    if (s.trusted !== true) problems.push(`our verify: ${s.field} not trusted (${String(s.trusted)})`);
  }
  return { problems, pdfsigCount, oursCount: ours.signatures.length, pdfboxCount: box.signatures.length };
}
