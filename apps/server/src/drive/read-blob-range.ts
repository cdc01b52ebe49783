import type { BlobStore } from '../blobs/blob-store.ts';

/** Bytes [start, end] of a stored blob, in memory: only for small reads (type detection). */
export async function readBlobRange(blobs: BlobStore, sha256: string, start: number, end: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.get(sha256, { start, end })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
