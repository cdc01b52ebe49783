// The SHA-256 digests of every signature's byte ranges in one read of the file. Signature k
// covers [0, a_k) and [c_k, c_k + d_k); all first ranges are prefixes of the same bytes, so one
// running hash is copied at each a_k, and each copy then takes only its own (short) tail. Five
// signatures on a 100 MB file cost one pass, not five.
import { createHash, type Hash } from 'node:crypto';
import type { PdfDict } from '../pdf/objects.ts';
import type { PdfReader } from '../pdf/reader.ts';
import type { PdfInput } from '../pdf/source.ts';
import { forEachChunk } from '../io.ts';

export type ByteRange = [number, number, number, number];

export const rangeKey = (br: readonly number[]) => br.join(' ');

export function byteRangeOf(reader: PdfReader, sig: PdfDict): ByteRange | undefined {
  const raw = reader.resolve(sig.get('ByteRange'));
  if (!Array.isArray(raw) || raw.length !== 4) return undefined;
  const br = raw.map((x) => reader.resolve(x));
  return br.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0) ? (br as ByteRange) : undefined;
}

interface Pending {
  br: ByteRange;
  hash?: Hash;
}

/** Digests keyed by `rangeKey(byteRange)`; ranges that do not start at 0 are left out. */
export async function sha256OfRanges(input: PdfInput, ranges: ByteRange[], size: number): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const todo: Pending[] = ranges
    .filter(([a, b, c, d]) => a === 0 && b >= 0 && c >= b && d >= 0 && c + d <= size)
    .filter((br, i, all) => all.findIndex((x) => rangeKey(x) === rangeKey(br)) === i)
    .map((br) => ({ br }))
    .sort((x, y) => x.br[1] - y.br[1]);
  if (!todo.length) return out;
  const end = Math.max(...todo.map((p) => Math.max(p.br[1], p.br[2] + p.br[3])));
  const main = createHash('sha256');
  let mainAt = 0;
  let next = 0; // the next signature whose gap start the running hash has yet to reach
  const feed = (chunk: Uint8Array, at: number) => {
    let off = 0;
    while (off < chunk.length) {
      // bring the running hash to the next fork point (or through the chunk)
      const stop = next < todo.length ? Math.min(chunk.length, todo[next].br[1] - at) : chunk.length;
      if (stop > off) {
        main.update(chunk.subarray(off, stop));
        mainAt = at + stop;
        off = stop;
      }
      while (next < todo.length && todo[next].br[1] === mainAt) todo[next++].hash = main.copy();
      if (next >= todo.length) break;
    }
    // each forked hash takes the part of its second range inside this chunk
    for (const p of todo) {
      if (!p.hash) continue;
      const [, , c, d] = p.br;
      const from = Math.max(c, at);
      const to = Math.min(c + d, at + chunk.length);
      if (to > from) p.hash.update(chunk.subarray(from - at, to - at));
    }
  };
  if (typeof input !== 'string') feed(input.subarray(0, end), 0);
  else if (end > 0) {
    let at = 0;
    await forEachChunk(input, [0, end], (chunk) => {
      feed(chunk, at);
      at += chunk.length;
    });
  }
  for (const p of todo) if (p.hash) out.set(rangeKey(p.br), p.hash.digest());
  return out;
}
