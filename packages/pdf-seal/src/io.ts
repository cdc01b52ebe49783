import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { PdfInput } from './pdf/source.ts';

/** Feeds every byte of the input (streamed for files) to each hash, in one pass. */
/** Anything fed chunk by chunk: a Hash, a Verify. */
export interface Sink {
  update(data: Uint8Array): unknown;
}

export async function hashInput(input: PdfInput, hashes: Sink[], range?: [number, number]): Promise<void> {
  if (typeof input !== 'string') {
    const view = range ? input.subarray(range[0], range[0] + range[1]) : input;
    for (const h of hashes) h.update(view);
    return;
  }
  if (range && range[1] === 0) return;
  const stream = createReadStream(input, {
    highWaterMark: 4 << 20,
    ...(range ? { start: range[0], end: range[0] + range[1] - 1 } : {}),
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) for (const h of hashes) h.update(chunk);
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
