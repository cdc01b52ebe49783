// pdf-seal reads PDFs by path in windows and never loads a big file whole; a blob kept on local
// disk is such a path already (immutable, named by its hash), any other store is copied to a
// temp file first.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../blobs/blob-store.ts';

interface PathedStore {
  pathOf(sha256: string): string;
}

function hasPaths(blobs: BlobStore): blobs is BlobStore & PathedStore {
  return blobs.kind === 'local' && typeof (blobs as Partial<PathedStore>).pathOf === 'function';
}

/** A scratch folder for the duration of `work`, removed afterwards whatever happens. */
export async function withScratchDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-seal-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A readable path to the blob's bytes inside `scratch` (or the store's own file). */
export async function blobPath(blobs: BlobStore, sha256: string, scratch: string): Promise<string> {
  if (hasPaths(blobs)) return blobs.pathOf(sha256);
  const path = join(scratch, `${sha256}.pdf`);
  await pipeline(await blobs.get(sha256), createWriteStream(path));
  return path;
}
