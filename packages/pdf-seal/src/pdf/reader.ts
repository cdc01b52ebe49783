import { PdfDict, PdfRef, PdfStream, isName, type PdfObject } from './objects.ts';
import { EndOfWindow, Parser } from './parser.ts';
import { decodeStream } from './filters.ts';
import type { Source } from './source.ts';

export type XrefEntry =
  | { type: 0 }
  | { type: 1; offset: number; gen: number }
  | { type: 2; stream: number; index: number };

export interface XrefSection {
  offset: number;
  kind: 'table' | 'stream';
}

export interface PageRecord {
  /** undefined when the page is a direct object inside its parent's /Kids */
  ref?: PdfRef;
  dict: PdfDict;
  parentRef?: PdfRef;
  mediaBox: number[];
  cropBox: number[];
  rotate: number;
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/**
 * Lazy reader: follows startxref and the /Prev chain, and loads objects one by one when asked.
 * When the cross-reference data is unusable it rebuilds it by scanning the file for objects
 * (`reconstructed` is then true, and writers must emit a complete xref of their own).
 */
export class PdfReader {
  readonly xref = new Map<number, XrefEntry>();
  trailer = new PdfDict();
  sections: XrefSection[] = [];
  startxref = -1;
  reconstructed = false;
  private cache = new Map<number, PdfObject>();
  private objStreams = new Map<number, { data: Uint8Array; offsets: Map<number, number> }>();
  private loading = new Set<number>();

  constructor(readonly source: Source) {
    try {
      this.loadXref();
      if (!this.rootUsable()) throw new Error('no usable /Root');
    } catch {
      this.reconstruct();
    }
  }

  get size(): number {
    return this.source.size;
  }

  get encrypted(): boolean {
    return this.trailer.has('Encrypt') && this.trailer.get('Encrypt') !== null;
  }

  /** Highest object number in use plus one. */
  get nextObjectNumber(): number {
    let n = typeof this.trailer.get('Size') === 'number' ? (this.trailer.get('Size') as number) : 0;
    for (const k of this.xref.keys()) if (k >= n) n = k + 1;
    return Math.max(n, 1);
  }

  // ------------------------------------------------------------ cross-references

  private loadXref(): void {
    const tailLen = Math.min(this.size, 4096);
    const tail = latin1(this.source.read(this.size - tailLen, tailLen));
    const i = tail.lastIndexOf('startxref');
    if (i < 0) throw new Error('no startxref');
    const m = /^startxref\s+(\d+)/.exec(tail.slice(i));
    if (!m) throw new Error('bad startxref');
    let offset = +m[1];
    const seen = new Set<number>();
    let first = true;
    for (;;) {
      // a loop in /Prev means the chain cannot be trusted (qpdf reconstructs too)
      if (seen.has(offset)) throw new Error('loop in xref chain');
      seen.add(offset);
      offset = this.locateSection(offset);
      if (first) this.startxref = offset;
      first = false;
      const prev = this.readSection(offset);
      if (prev === undefined) break;
      offset = prev;
    }
  }

  private rootUsable(): boolean {
    const root = this.trailer.get('Root');
    return root instanceof PdfRef && this.tryGet(root) instanceof PdfDict;
  }

  /** Accepts an offset that is off by a few bytes, as some writers produce. */
  private locateSection(offset: number): number {
    const win = latin1(this.source.read(Math.max(0, offset - 16), 64));
    const base = Math.max(0, offset - 16);
    const at = offset - base;
    const re = /xref|\d+\s+\d+\s+obj/g;
    let best = -1;
    for (let m = re.exec(win); m; m = re.exec(win)) {
      const start = m.index;
      // the match must begin at a token boundary
      if (start > 0 && /[0-9a-z]/i.test(win[start - 1])) continue;
      if (best < 0 || Math.abs(start - at) < Math.abs(best - at)) best = start;
    }
    if (best < 0) throw new Error('startxref points nowhere');
    return base + best;
  }

  private window<T>(offset: number, fn: (p: Parser) => T, initial = 2048): T {
    // an offset taken from a damaged xref (e.g. "000x000063") must not send the retry below round forever
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= this.size) throw new Error(`offset ${offset} outside the file`);
    let len = initial;
    for (;;) {
      const buf = this.source.read(offset, len);
      // a short read is the end of what the source holds, whatever its size says
      const atEof = offset + buf.length >= this.size || buf.length < len;
      try {
        return fn(new Parser(buf, offset, 0, atEof));
      } catch (e) {
        if (e instanceof EndOfWindow && !atEof) {
          len *= 4;
          continue;
        }
        throw e;
      }
    }
  }

  private setEntry(num: number, e: XrefEntry): void {
    if (!this.xref.has(num)) this.xref.set(num, e);
  }

  private mergeTrailer(d: PdfDict): void {
    for (const [k, v] of d.map) if (!this.trailer.has(k)) this.trailer.set(k, v);
  }

  /** Reads one section; returns the /Prev offset if any. */
  private readSection(offset: number): number | undefined {
    const isTable = latin1(this.source.read(offset, 4)) === 'xref';
    if (isTable) {
      this.sections.push({ offset, kind: 'table' });
      const { trailer, entries } = this.window(offset, (p) => {
        p.expectKeyword('xref');
        const entries: [number, XrefEntry][] = [];
        for (;;) {
          const save = p.pos;
          const t = p.token();
          if (t === 'trailer') break;
          if (!/^\d+$/.test(t)) {
            p.pos = save;
            throw new Error('bad xref table');
          }
          const start = +t;
          const count = p.token();
          if (!/^\d+$/.test(count)) throw new Error('bad xref subsection');
          for (let k = 0; k < +count; k++) {
            const off = p.token();
            const gen = p.token();
            const kind = p.token();
            if (!/^\d+$/.test(off) || !/^\d+$/.test(gen)) throw new Error('bad xref entry');
            if (kind === 'n') entries.push([start + k, { type: 1, offset: +off, gen: +gen }]);
            else if (kind === 'f') entries.push([start + k, { type: 0 }]);
            else throw new Error('bad xref entry');
          }
        }
        const d = p.parseObject();
        if (!(d instanceof PdfDict)) throw new Error('bad trailer');
        return { trailer: d, entries };
      }, 65536);
      // in a hybrid file, the table's own entries win over its /XRefStm, which wins over /Prev
      for (const [n, e] of entries) this.setEntry(n, e);
      const xs = trailer.get('XRefStm');
      if (typeof xs === 'number') {
        try {
          this.readXrefStream(xs, false);
        } catch {
          /* a broken /XRefStm in a hybrid file: the table alone still describes the file */
        }
      }
      this.mergeTrailer(trailer);
      return prevOf(trailer);
    }
    this.sections.push({ offset, kind: 'stream' });
    return prevOf(this.readXrefStream(offset, true));
  }

  private readXrefStream(offset: number, mergeTrailer: boolean): PdfDict {
    const s = this.window(offset, (p) => {
      p.objHeader();
      return p.parseObject();
    });
    if (!(s instanceof PdfStream) || !isName(s.dict.get('Type'), 'XRef')) throw new Error('not an xref stream');
    const data = this.decodedStream(s);
    const w = (s.dict.get('W') as number[]).map((x) => +x);
    const size = s.dict.get('Size') as number;
    const index = (s.dict.get('Index') as number[] | undefined) ?? [0, size];
    const rowLen = w[0] + w[1] + w[2];
    let pos = 0;
    const field = (width: number, dflt: number) => {
      if (width === 0) return dflt;
      let v = 0;
      for (let k = 0; k < width; k++) v = v * 256 + data[pos++];
      return v;
    };
    for (let k = 0; k + 1 < index.length; k += 2) {
      for (let n = 0; n < index[k + 1]; n++) {
        if (pos + rowLen > data.length) break;
        const type = field(w[0], 1);
        const a = field(w[1], 0);
        const b = field(w[2], 0);
        const num = index[k] + n;
        if (type === 1) this.setEntry(num, { type: 1, offset: a, gen: b });
        else if (type === 2) this.setEntry(num, { type: 2, stream: a, index: b });
        else if (type === 0) this.setEntry(num, { type: 0 });
      }
    }
    if (mergeTrailer) {
      const t = s.dict.clone();
      for (const k of ['Type', 'W', 'Index', 'Filter', 'DecodeParms', 'Length', 'XRefStm']) t.delete(k);
      this.mergeTrailer(t);
    }
    return s.dict;
  }

  /** Rebuilds the cross-reference data by scanning every byte (for damaged files only). */
  private reconstruct(): void {
    this.xref.clear();
    this.cache.clear();
    this.objStreams.clear();
    this.trailer = new PdfDict();
    this.sections = [];
    this.reconstructed = true;
    const all = this.source.read(0, this.size);
    const text = latin1(all);
    const re = /(?<![0-9])(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]+obj(?![A-Za-z])/g;
    const found: [number, number, number][] = [];
    for (let m = re.exec(text); m; m = re.exec(text)) found.push([+m[1], +m[2], m.index]);
    for (const [num, gen, off] of found) this.xref.set(num, { type: 1, offset: off, gen }); // later wins
    // trailers: classic ones and xref stream dictionaries, later ones win
    const trailers: PdfDict[] = [];
    const tre = /trailer/g;
    for (let m = tre.exec(text); m; m = tre.exec(text)) {
      try {
        const p = new Parser(all, 0, m.index + 7, true);
        const d = p.parseObject();
        if (d instanceof PdfDict) trailers.push(d);
      } catch {
        /* ignore */
      }
    }
    const catalogs: number[] = [];
    for (const [num, e] of [...this.xref]) {
      if (e.type !== 1) continue;
      let o: PdfObject;
      try {
        o = this.readAt(e.offset, num);
      } catch {
        continue;
      }
      const d = o instanceof PdfStream ? o.dict : o;
      if (!(d instanceof PdfDict)) continue;
      if (isName(d.get('Type'), 'XRef')) {
        const t = d.clone();
        for (const k of ['Type', 'W', 'Index', 'Filter', 'DecodeParms', 'Length', 'Prev', 'XRefStm']) t.delete(k);
        trailers.push(t);
      } else if (isName(d.get('Type'), 'ObjStm') && o instanceof PdfStream) {
        try {
          const { offsets } = this.loadObjStm(num, o);
          let i = 0;
          for (const n of offsets.keys()) {
            if (!this.xref.has(n)) this.xref.set(n, { type: 2, stream: num, index: i });
            i++;
          }
        } catch {
          /* ignore */
        }
      } else if (isName(d.get('Type'), 'Catalog')) catalogs.push(num);
    }
    for (const t of trailers.reverse()) this.mergeTrailer(t);
    this.trailer.delete('Prev');
    this.trailer.delete('XRefStm');
    if (!this.rootUsable()) {
      if (!catalogs.length) throw new Error('no catalog');
      this.trailer.set('Root', new PdfRef(catalogs[catalogs.length - 1], 0));
    }
    this.cache.clear();
  }

  // ------------------------------------------------------------ objects

  private readAt(offset: number, num?: number): PdfObject {
    return this.window(offset, (p) => {
      const [n] = p.objHeader();
      if (num !== undefined && n !== num) throw new Error(`object ${num} not at ${offset}`);
      return p.parseObject();
    });
  }

  private loadObjStm(num: number, s?: PdfStream): { data: Uint8Array; offsets: Map<number, number> } {
    const cached = this.objStreams.get(num);
    if (cached) return cached;
    const stm = s ?? this.get(new PdfRef(num, 0));
    if (!(stm instanceof PdfStream)) throw new Error('object stream missing');
    const data = this.decodedStream(stm);
    const n = stm.dict.get('N') as number;
    const first = stm.dict.get('First') as number;
    const p = new Parser(data, 0, 0, true);
    const offsets = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const on = +p.token();
      const oo = +p.token();
      offsets.set(on, first + oo);
    }
    const r = { data, offsets };
    this.objStreams.set(num, r);
    return r;
  }

  private loadEntry(num: number, e: XrefEntry): PdfObject {
    if (e.type === 0) return null;
    if (e.type === 1) return this.readAt(e.offset, num);
    const { data, offsets } = this.loadObjStm(e.stream);
    const off = offsets.get(num);
    if (off === undefined) throw new Error(`object ${num} not in its object stream`);
    // streams inside object streams do not exist; base is irrelevant
    return new Parser(data, 0, off, true).parseObject();
  }

  get(ref: PdfRef): PdfObject {
    const num = ref.num;
    if (this.cache.has(num)) return this.cache.get(num)!;
    const e = this.xref.get(num);
    if (!e) return null;
    if (this.loading.has(num)) throw new Error(`reference loop at object ${num}`);
    this.loading.add(num);
    try {
      let o: PdfObject;
      try {
        o = this.loadEntry(num, e);
      } catch (err) {
        if (this.reconstructed) throw err;
        // the xref lies: fall back to scanning, once
        this.reconstruct();
        const e2 = this.xref.get(num);
        o = e2 ? this.loadEntry(num, e2) : null;
      }
      this.cache.set(num, o);
      return o;
    } finally {
      this.loading.delete(num);
    }
  }

  tryGet(ref: PdfRef): PdfObject {
    try {
      return this.get(ref);
    } catch {
      return null;
    }
  }

  resolve(o: PdfObject | undefined): PdfObject | undefined {
    let guard = 0;
    while (o instanceof PdfRef && guard++ < 32) o = this.get(o);
    return o;
  }

  dict(o: PdfObject | undefined): PdfDict | undefined {
    const r = this.resolve(o);
    return r instanceof PdfDict ? r : r instanceof PdfStream ? r.dict : undefined;
  }

  /** The raw (still encoded) bytes of a stream. */
  streamBytes(s: PdfStream): Uint8Array {
    if (s.data) return s.data;
    let len = this.resolve(s.dict.get('Length'));
    const start = s.dataOffset;
    if (typeof len === 'number' && len >= 0 && start + len <= this.size) {
      const after = latin1(this.source.read(start + len, 32));
      if (/^\s*endstream/.test(after)) return this.source.read(start, len);
    }
    // /Length is wrong or missing: search for the end
    let pos = start;
    const chunk = 1 << 20;
    for (;;) {
      const buf = this.source.read(pos, chunk + 16);
      if (!buf.length) throw new Error('stream without end');
      const i = latin1(buf).indexOf('endstream');
      if (i >= 0) {
        let end = pos + i;
        const lead = this.source.read(Math.max(start, end - 2), end - Math.max(start, end - 2));
        if (lead[lead.length - 1] === 10) end--;
        if (lead.length === 2 && lead[0] === 13 && lead[1] === 10) end--;
        else if (lead[lead.length - 1] === 13) end--;
        len = end - start;
        return this.source.read(start, len);
      }
      pos += chunk;
    }
  }

  decodedStream(s: PdfStream): Uint8Array {
    return decodeStream(s.dict, this.streamBytes(s), (o) => this.resolve(o));
  }

  // ------------------------------------------------------------ document structure

  get catalogRef(): PdfRef {
    const r = this.trailer.get('Root');
    if (!(r instanceof PdfRef)) throw new Error('no catalog');
    return r;
  }

  get catalog(): PdfDict {
    const c = this.dict(this.catalogRef);
    if (!c) throw new Error('catalog is not a dictionary');
    return c;
  }

  /** The pages in order, with inherited boxes and rotation resolved. */
  pages(): PageRecord[] {
    const out: PageRecord[] = [];
    const onPath = new Set<number>();
    type Inh = { mediaBox?: number[]; cropBox?: number[]; rotate?: number };
    const box = (o: PdfObject | undefined): number[] | undefined => {
      const a = this.resolve(o);
      if (!Array.isArray(a) || a.length !== 4) return undefined;
      const n = a.map((x) => this.resolve(x));
      if (!n.every((x) => typeof x === 'number')) return undefined;
      const [x0, y0, x1, y1] = n as number[];
      return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
    };
    let visits = 0;
    const walk = (node: PdfObject | undefined, ref: PdfRef | undefined, parentRef: PdfRef | undefined, inh: Inh, depth: number) => {
      // a node on its own path is a cycle; a page listed twice is two pages (as qpdf and poppler count)
      if (depth > 64 || ++visits > 1_000_000) return;
      if (ref && onPath.has(ref.num)) return;
      const d = node instanceof PdfDict ? node : undefined;
      if (!d) return;
      const here: Inh = {
        mediaBox: box(d.get('MediaBox')) ?? inh.mediaBox,
        cropBox: box(d.get('CropBox')) ?? inh.cropBox,
        rotate: (() => {
          const r = this.resolve(d.get('Rotate'));
          return typeof r === 'number' ? r : inh.rotate;
        })(),
      };
      const kids = this.resolve(d.get('Kids'));
      if (isName(d.get('Type'), 'Pages') || (Array.isArray(kids) && !isName(d.get('Type'), 'Page'))) {
        if (!Array.isArray(kids)) return;
        if (ref) onPath.add(ref.num);
        for (const k of kids) {
          if (k instanceof PdfRef) walk(this.tryGet(k), k, ref ?? parentRef, here, depth + 1);
          else walk(k, undefined, ref ?? parentRef, here, depth + 1);
        }
        if (ref) onPath.delete(ref.num);
        return;
      }
      const media = here.mediaBox ?? [0, 0, 612, 792];
      let crop = here.cropBox ?? media;
      // the visible area is the crop box clipped to the media box
      crop = [Math.max(crop[0], media[0]), Math.max(crop[1], media[1]), Math.min(crop[2], media[2]), Math.min(crop[3], media[3])];
      if (crop[2] <= crop[0] || crop[3] <= crop[1]) crop = media;
      const rot = ((((here.rotate ?? 0) % 360) + 360) % 360) - ((((here.rotate ?? 0) % 360) + 360) % 90);
      out.push({ ref, dict: d, parentRef, mediaBox: media, cropBox: crop, rotate: rot });
    };
    const root = this.catalog.get('Pages');
    walk(root instanceof PdfRef ? this.tryGet(root) : root, root instanceof PdfRef ? root : undefined, undefined, {}, 0);
    return out;
  }
}

function prevOf(d: PdfDict): number | undefined {
  const prev = d.get('Prev');
  if (prev === undefined) return undefined;
  if (typeof prev !== 'number' || prev < 0 || !Number.isInteger(prev)) throw new Error('bad /Prev');
  return prev;
}
