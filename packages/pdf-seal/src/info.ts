import { openPdf } from './pdf/open.ts';
import { PdfString, decodeText, namesOf, parsePdfDate } from './pdf/objects.ts';
import { displayGeometry } from './appearance/placement.ts';
import { signatureFields, subjectText } from './verify/verify.ts';
import { parseCms } from './verify/cms.ts';
import { readTlv } from './cms/der.ts';
import type { PdfInput } from './pdf/source.ts';
import type { PdfInfo } from './types.ts';
import type { PdfReader } from './pdf/reader.ts';
import { revisionBounds } from './analysis/revisions.ts';

/**
 * Incremental updates, each ending at its own %%EOF; a linearized file's first-page xref
 * section is part of revision 1, not a revision of its own. A file whose xref had to be
 * rebuilt (no chain to follow) counts as one.
 */
function revisionCount(reader: PdfReader): number {
  return Math.max(1, revisionBounds(reader)?.length ?? reader.sections.length);
}

/** Pages as displayed, revisions and signatures, reading only what is needed. */
export async function info(input: PdfInput): Promise<PdfInfo> {
  const reader = openPdf(input);
  try {
    const size = reader.size;
    if (reader.encrypted) return { pages: { count: 0, sizes: [] }, revisions: revisionCount(reader), signatures: [], encrypted: true, size };
    const pages = reader.pages();
    const sizes = pages.map((p) => {
      const g = displayGeometry(p);
      return { width: Math.round(g.width * 100) / 100, height: Math.round(g.height * 100) / 100, rotation: g.rotation };
    });
    const signatures = signatureFields(reader).map((f) => {
      let signer: string | null = null;
      try {
        const c = Buffer.from((reader.resolve(f.sig.get('Contents')) as PdfString).bytes);
        const cert = parseCms(c.subarray(0, readTlv(c).end)).signerCert;
        if (cert) signer = subjectText(cert);
      } catch {
        /* unparseable CMS: reported by verify */
      }
      return {
        field: f.field,
        signer,
        signedAt: parsePdfDate(decodeText(reader.resolve(f.sig.get('M'))))?.toISOString() ?? null,
        subFilter: namesOf(reader.resolve(f.sig.get('SubFilter'))) ?? null,
      };
    });
    return { pages: { count: pages.length, sizes }, revisions: revisionCount(reader), signatures, encrypted: false, size };
  } finally {
    reader.source.close();
  }
}
