import { createHash } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import type { PdfInput } from './pdf/source.ts';

/** Anything fed chunk by chunk: a Hash, a Verify. */
export interface Sink {
  update(data: Uint8Array): unknown;
}

const CHUNK = 4 << 20;

/**
 * Reads `length` bytes of a file from `start` through two reused 4 MB buffers, handing each
 * chunk to `fn` while the next one is read. A stream would allocate a new buffer per chunk
 * and leave a 100 MB file's worth of garbage for the collector, which shows as peak memory.
 * `fn` must be done with a chunk when its promise settles: the buffer is then read into again.
 */
export async function forEachChunk(path: string, range: [number, number] | undefined, fn: (chunk: Buffer) => unknown): Promise<void> {
  const fh = await open(path, 'r');
  let next: Promise<number> | undefined;
  try {
    let pos = range ? range[0] : 0;
    const end = range ? range[0] + range[1] : (await fh.stat()).size;
    const size = Math.max(1, Math.min(CHUNK, end - pos));
    const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
    const readInto = async (b: Buffer, at: number) => (at < end ? (await fh.read(b, 0, Math.min(b.length, end - at), at)).bytesRead : 0);
    let i = 0;
    next = readInto(buffers[0], pos);
    for (;;) {
      const n = await next;
      if (n === 0) break;
      const chunk = buffers[i].subarray(0, n);
      pos += n;
      i ^= 1;
      next = readInto(buffers[i], pos);
      await fn(chunk);
    }
  } finally {
    await next?.catch(() => 0);
    await fh.close();
  }
}

/** Feeds every byte of the input (or of `range` = [start, length]) to each hash, in one pass. */
export async function hashInput(input: PdfInput, hashes: Sink[], range?: [number, number]): Promise<void> {
  if (typeof input !== 'string') {
    const view = range ? input.subarray(range[0], range[0] + range[1]) : input;
    for (const h of hashes) h.update(view);
    return;
  }
  if (range && range[1] === 0) return;
  await forEachChunk(input, range, (chunk) => {
    for (const h of hashes) h.update(chunk);
  });
}

/**
 * One read of a file that both hashes it and copies it to `output` (truncated first): sign()
 * needs the digest and the copy, and reading 100 MB twice costs as much as hashing it. Each
 * chunk is written while it is hashed and the next one read. A failed copy leaves no output.
 */
export async function hashAndCopy(input: string, hashes: Sink[], output: string): Promise<void> {
  const out = await open(output, 'w');
  try {
    await forEachChunk(input, undefined, async (chunk) => {
      const written = writeAll(out, chunk);
      for (const h of hashes) h.update(chunk);
      await written;
    });
    await out.close();
  } catch (e) {
    await out.close().catch(() => undefined);
    await unlink(output).catch(() => undefined);
    throw e;
  }
}

async function writeAll(out: FileHandle, chunk: Buffer): Promise<void> {
  for (let done = 0; done < chunk.length; ) done += (await out.write(chunk, done, chunk.length - done)).bytesWritten;
}

export async function sha256Hex(input: PdfInput): Promise<string> {
  const h = createHash('sha256');
  await hashInput(input, [h]);
  return h.digest('hex');
}

export async function readRange(input: PdfInput, pos: number, len: number): Promise<Buffer> {
  if (typeof input !== 'string') return Buffer.from(input.subarray(pos, pos + len));
  const fh = await open(input, 'r');
  try {
    const buf = Buffer.alloc(len);
    const { bytesRead } = await fh.read(buf, 0, len, pos);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
