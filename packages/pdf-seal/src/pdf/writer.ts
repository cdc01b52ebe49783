import { deflateSync } from 'node:zlib';
import { PdfDict, PdfRef, PdfStream, name, serialize, type PdfObject } from './objects.ts';
import type { PdfReader } from './reader.ts';

export interface BuiltUpdate {
  /** the bytes appended to the original file */
  tail: Buffer;
  /** offset in the tail where each written object starts */
  objectOffsets: Map<number, number>;
}

/**
 * Collects new and changed objects and writes them as one incremental update, in the file's
 * own cross-reference style (classic table after a table, xref stream after a stream).
 */
export class IncrementalUpdate {
  private objects = new Map<number, { gen: number; obj: PdfObject }>();
  private next: number;

  constructor(readonly reader: PdfReader) {
    this.next = reader.nextObjectNumber;
  }

  alloc(): PdfRef {
    return new PdfRef(this.next++, 0);
  }

  add(obj: PdfObject): PdfRef {
    const r = this.alloc();
    this.set(r, obj);
    return r;
  }

  set(ref: PdfRef, obj: PdfObject): void {
    this.objects.set(ref.num, { gen: ref.gen, obj });
  }

  has(ref: PdfRef): boolean {
    return this.objects.has(ref.num);
  }

  /** The current version of an object: the changed one if this update changes it. */
  current(ref: PdfRef): PdfObject {
    return this.objects.get(ref.num)?.obj ?? this.reader.get(ref);
  }

  get useXrefStream(): boolean {
    const r = this.reader;
    if (r.reconstructed) return [...r.xref.values()].some((e) => e.type === 2);
    return r.sections[0]?.kind === 'stream';
  }

  build(): BuiltUpdate {
    const r = this.reader;
    const base = r.size;
    const parts: Buffer[] = [];
    let len = 0;
    const push = (b: Uint8Array | string) => {
      const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      parts.push(buf);
      len += buf.length;
    };
    const last = r.source.read(base - 1, 1)[0];
    if (last !== 10 && last !== 13) push('\n');
    const offsets = new Map<number, number>();
    const entries = new Map<number, { offset: number; gen: number } | { stream: number; index: number }>();
    const nums = [...this.objects.keys()].sort((a, b) => a - b);
    for (const num of nums) {
      const { gen, obj } = this.objects.get(num)!;
      offsets.set(num, len);
      entries.set(num, { offset: base + len, gen });
      push(`${num} ${gen} obj\n`);
      for (const p of serialize(obj)) push(p);
      push('\nendobj\n');
    }
    // a damaged original gets a complete cross-reference of its own, without /Prev
    const full = r.reconstructed;
    if (full) {
      for (const [num, e] of r.xref) {
        if (entries.has(num)) continue;
        if (e.type === 1) entries.set(num, { offset: e.offset, gen: e.gen });
        else if (e.type === 2) entries.set(num, { stream: e.stream, index: e.index });
      }
    }
    const trailer = new PdfDict();
    for (const k of ['Root', 'Info', 'ID']) {
      const v = r.trailer.get(k);
      if (v !== undefined) trailer.set(k, v);
    }
    if (!full && r.startxref >= 0) trailer.set('Prev', r.startxref);
    const xrefOffset = base + len;
    if (this.useXrefStream) {
      const selfNum = this.next++;
      entries.set(selfNum, { offset: xrefOffset, gen: 0 });
      const size = Math.max(r.nextObjectNumber, this.next);
      const sorted = [...entries.keys()].sort((a, b) => a - b);
      if (full && !entries.has(0)) sorted.unshift(0);
      const w2 = Math.max(4, Math.ceil(Math.log2(xrefOffset + 2) / 8));
      const index: number[] = [];
      const rows: number[] = [];
      const row = (t: number, a: number, b: number) => {
        rows.push(t);
        for (let k = w2 - 1; k >= 0; k--) rows.push(Math.floor(a / 256 ** k) & 0xff);
        rows.push((b >> 8) & 0xff, b & 0xff);
      };
      for (let i = 0; i < sorted.length; ) {
        let j = i;
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
        index.push(sorted[i], j - i + 1);
        for (let k = i; k <= j; k++) {
          const e = entries.get(sorted[k]);
          if (!e) row(0, 0, 65535);
          else if ('offset' in e) row(1, e.offset, e.gen);
          else row(2, e.stream, e.index);
        }
        i = j + 1;
      }
      const data = deflateSync(Uint8Array.from(rows));
      const d = trailer.clone();
      d.set('Type', name('XRef'));
      d.set('Size', size);
      d.set('W', [1, w2, 2]);
      d.set('Index', index);
      d.set('Filter', name('FlateDecode'));
      push(`${selfNum} 0 obj\n`);
      for (const p of serialize(new PdfStream(d, data))) push(p);
      push('\nendobj\n');
    } else {
      const size = Math.max(r.nextObjectNumber, this.next);
      const sorted = [...entries.keys()].sort((a, b) => a - b);
      push('xref\n');
      if (full) {
        // one subsection from 0, free entries for the gaps
        push(`0 ${size}\n`);
        for (let n = 0; n < size; n++) {
          const e = entries.get(n);
          if (e && 'offset' in e) push(`${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`);
          else push(n === 0 ? '0000000000 65535 f\r\n' : '0000000000 00000 f\r\n');
        }
      } else {
        for (let i = 0; i < sorted.length; ) {
          let j = i;
          while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
          push(`${sorted[i]} ${j - i + 1}\n`);
          for (let k = i; k <= j; k++) {
            const e = entries.get(sorted[k]) as { offset: number; gen: number };
            push(`${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`);
          }
          i = j + 1;
        }
      }
      trailer.set('Size', size);
      push('trailer\n');
      for (const p of serialize(trailer)) push(p);
      push('\n');
    }
    push(`startxref\n${xrefOffset}\n%%EOF\n`);
    return { tail: Buffer.concat(parts), objectOffsets: offsets };
  }
}
