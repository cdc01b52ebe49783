// The revisions of a PDF: each incremental update ends with its own %%EOF, and the document
// "as it was" at revision k is what a reader sees when the file is cut after that %%EOF.
// Every revision view is an ordinary PdfReader over a shorter window of the same bytes, so the
// one parser of this package reads them all.
import type { PdfObject, PdfRef } from '../pdf/objects.ts';
import { PdfReader } from '../pdf/reader.ts';
import type { Source } from '../pdf/source.ts';

/** The first `size` bytes of another source: the file as it was at one revision. */
export class PrefixSource implements Source {
  constructor(
    readonly inner: Source,
    readonly size: number,
  ) {}
  read(pos: number, len: number): Uint8Array {
    return this.inner.read(pos, Math.max(0, Math.min(len, this.size - pos)));
  }
  close(): void {
    /* the whole-file source is closed by its owner */
  }
}

/**
 * A reader of one revision that shares parsed objects with the readers of the other
 * revisions: an object at the same place in the file is the same object in every revision
 * that points there, so it is parsed once.
 */
class SharingReader extends PdfReader {
  constructor(
    source: Source,
    private readonly shared: Map<string, PdfObject>,
  ) {
    super(source);
  }

  private placeOf(num: number): string | undefined {
    const e = this.xref.get(num);
    if (!e || e.type === 0) return undefined;
    if (e.type === 1) return `${e.offset}`;
    const stm = this.xref.get(e.stream);
    return stm?.type === 1 ? `${stm.offset}:${e.index}` : undefined;
  }

  override get(ref: PdfRef): PdfObject {
    // the base constructor reads the catalog before `shared` is set
    const place = !this.shared || this.reconstructed ? undefined : this.placeOf(ref.num);
    if (place === undefined) return super.get(ref);
    if (this.shared.has(place)) return this.shared.get(place)!;
    const o = super.get(ref);
    if (!this.reconstructed) this.shared.set(place, o);
    return o;
  }
}

export interface Revision {
  /** 0 = the original document */
  index: number;
  /** first byte of this revision (the end of the previous one) */
  start: number;
  /** offset just after this revision's %%EOF */
  eofEnd: number;
  /** eofEnd plus the end-of-line that follows, if any: where a covering signature ends */
  end: number;
  /** offsets of the cross-reference sections this revision wrote (several in linearized files) */
  xrefOffsets: number[];
  reader: PdfReader;
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** The end of the first %%EOF marker at or after `from`, and of its end-of-line. */
function eofAfter(source: Source, from: number): { eofEnd: number; end: number } | undefined {
  const chunk = 1 << 16;
  for (let pos = from; pos < source.size; pos += chunk - 8) {
    const text = latin1(source.read(pos, chunk));
    const i = text.indexOf('%%EOF');
    if (i >= 0) {
      const eofEnd = pos + i + 5;
      const eol = latin1(source.read(eofEnd, 2));
      const end = eofEnd + (eol.startsWith('\r\n') ? 2 : eol[0] === '\n' || eol[0] === '\r' ? 1 : 0);
      return { eofEnd, end };
    }
  }
  return undefined;
}

interface RevisionBounds {
  xrefOffsets: number[];
  eofEnd: number;
  end: number;
}

/**
 * The revisions of the file along its cross-reference chain (newest section first in
 * `reader.sections`), as byte ranges: each ends at its %%EOF, and the first-page section of a
 * linearized file belongs to revision 1. Undefined when the chain cannot describe the file (the
 * reader rebuilt the cross-references by scanning).
 */
export function revisionBounds(reader: PdfReader): RevisionBounds[] | undefined {
  if (reader.reconstructed || !reader.sections.length) return undefined;
  const source = reader.source;
  const oldestFirst = [...reader.sections].reverse();
  const groups: RevisionBounds[] = [];
  for (const s of oldestFirst) {
    const eof = eofAfter(source, s.offset);
    if (!eof) return undefined;
    const last = groups.at(-1);
    // a section written before the previous one (the first-page section of a linearized
    // file) belongs to the same revision
    if (last && s.offset < last.xrefOffsets[last.xrefOffsets.length - 1]) {
      last.xrefOffsets.push(s.offset);
      if (eof.end > last.end) Object.assign(last, eof);
      continue;
    }
    if (last && eof.end <= last.end) {
      last.xrefOffsets.push(s.offset);
      continue;
    }
    groups.push({ xrefOffsets: [s.offset], ...eof });
  }
  return groups;
}

/** Splits the file into revisions, each with a reader of the file as it was then. */
export function listRevisions(reader: PdfReader): Revision[] | undefined {
  const groups = revisionBounds(reader);
  if (!groups) return undefined;
  const source = reader.source;
  const out: Revision[] = [];
  const shared = new Map<string, PdfObject>();
  let start = 0;
  groups.forEach((g, index) => {
    // the newest revision is the file itself; older ones are the file cut after their %%EOF
    const whole = index === groups.length - 1 && g.end === source.size;
    const r = whole ? reader : new SharingReader(new PrefixSource(source, g.end), shared);
    out.push({ index, start, eofEnd: g.eofEnd, end: g.end, xrefOffsets: g.xrefOffsets, reader: r });
    start = g.end;
  });
  return out;
}

/** The revision a signature whose ByteRange ends at `end` was made in, if `end` closes one. */
export function revisionEndingAt(revisions: Revision[], end: number): Revision | undefined {
  return revisions.find((r) => end >= r.eofEnd && end <= r.end);
}
