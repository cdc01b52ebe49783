// Which objects one revision added, changed or deleted, read from the cross-references of the
// two states, and whether a "changed" object really changed.
import { PdfDict, PdfName, PdfRaw, PdfRef, PdfStream, PdfString, type PdfObject } from '../pdf/objects.ts';
import type { PdfReader, XrefEntry } from '../pdf/reader.ts';

export interface RawChange {
  num: number;
  gen: number;
  action: 'added' | 'changed' | 'deleted';
  before: PdfObject;
  after: PdfObject;
  /**
   * the new entry points back into bytes that existed before this revision (another object's
   * definition, or a definition the signed revision did not use): the incremental saving attack
   */
  repointed: boolean;
}

const inUse = (e: XrefEntry | undefined) => e !== undefined && e.type !== 0;

function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (!a || !b || a.type !== b.type) return false;
  if (a.type === 1 && b.type === 1) return a.offset === b.offset && a.gen === b.gen;
  if (a.type === 2 && b.type === 2) return a.stream === b.stream && a.index === b.index;
  return true;
}

/** Object changes from `prev` to `next`; `start` is the first byte the newer revision wrote. */
export function diffRevisions(prev: PdfReader, next: PdfReader, start: number): RawChange[] {
  const out: RawChange[] = [];
  const newer = new Set<number>();
  for (const [num, e] of next.xref) if (!sameEntry(prev.xref.get(num), e)) newer.add(num);
  for (const num of [...newer].sort((a, b) => a - b)) {
    const e = next.xref.get(num)!;
    const p = prev.xref.get(num);
    const ref = new PdfRef(num, e.type === 1 ? e.gen : 0);
    const before = inUse(p) ? prev.tryGet(ref) : null;
    if (!inUse(e)) {
      if (inUse(p)) out.push({ num, gen: 0, action: 'deleted', before, after: null, repointed: false });
      continue;
    }
    const after = next.tryGet(ref);
    // a new definition must live in the new bytes (or in a new object stream written there)
    const repointed = e.type === 1 ? e.offset < start : !newer.has(e.stream);
    if (!inUse(p)) {
      out.push({ num, gen: ref.gen, action: 'added', before: null, after, repointed });
      continue;
    }
    if (!repointed && sameObject(prev, next, before, after)) continue;
    out.push({ num, gen: ref.gen, action: 'changed', before, after, repointed });
  }
  return out;
}

/** Deep equality; references compare by number, streams by their encoded bytes. */
export function sameObject(ra: PdfReader, rb: PdfReader, a: PdfObject | undefined, b: PdfObject | undefined, depth = 0): boolean {
  if (depth > 64) return false;
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return a === b || (a == null && b == null);
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num;
  if (a instanceof PdfString) return b instanceof PdfString && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (a instanceof PdfRaw) return b instanceof PdfRaw && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameObject(ra, rb, x, b[i], depth + 1));
  if (a instanceof PdfDict) return b instanceof PdfDict && sameDict(ra, rb, a, b, depth);
  if (a instanceof PdfStream) {
    if (!(b instanceof PdfStream) || !sameDict(ra, rb, a.dict, b.dict, depth, ['Length'])) return false;
    try {
      return Buffer.from(ra.streamBytes(a)).equals(Buffer.from(rb.streamBytes(b)));
    } catch {
      return false;
    }
  }
  return false;
}

function sameDict(ra: PdfReader, rb: PdfReader, a: PdfDict, b: PdfDict, depth: number, ignore: string[] = []): boolean {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  for (const k of keys) {
    if (ignore.includes(k)) continue;
    if (!sameObject(ra, rb, a.get(k), b.get(k), depth + 1)) return false;
  }
  return true;
}

/** The keys whose values differ between two dictionaries. */
export function changedKeys(ra: PdfReader, rb: PdfReader, a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  return [...keys].filter((k) => !sameObject(ra, rb, a.get(k), b.get(k)));
}

export const dictOf = (o: PdfObject | undefined): PdfDict | undefined => (o instanceof PdfStream ? o.dict : o instanceof PdfDict ? o : undefined);
