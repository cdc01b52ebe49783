// Blobs as files on local disk: <dir>/<aa>/<sha256>. A write goes to a temp file in
// <dir>/.tmp (same file system), is fsynced, then renamed to its hash name and the folder
// fsynced, so a crash at any instant leaves either no file under the hash name or the whole one.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { fail } from '@hall/shared/errors';
import { HashingCounter, SHA256_HEX, type BlobStore, type PutOptions, type StoredBlob } from './blob-store.ts';

const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

export class LocalBlobStore implements BlobStore {
  readonly kind = 'local' as const;
  private readonly tmpDir: string;

  constructor(private readonly dir: string) {
    this.tmpDir = join(dir, '.tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
    // Temp files of writers that died long ago. Young ones may belong to another live instance.
    const now = Date.now();
    for (const name of await readdir(this.tmpDir)) {
      const path = join(this.tmpDir, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
    }
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) fail('NOT_FOUND');
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(source: Readable, options: PutOptions = {}): Promise<StoredBlob> {
    const tmp = join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const counter = new HashingCounter(options.maxBytes);
    try {
      const out = createWriteStream(tmp, { flags: 'wx' });
      await pipeline(source, counter, out);
      await fsyncPath(tmp);
      const sha256 = counter.digest();
      const target = this.pathOf(sha256);
      const folder = join(this.dir, sha256.slice(0, 2));
      await mkdir(folder, { recursive: true });
      // Same bytes already stored: keep the existing file, drop ours.
      if (await exists(target)) {
        await unlink(tmp);
      } else {
        await rename(tmp, target);
        await fsyncPath(folder);
      }
      return { sha256, size: counter.size };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = this.pathOf(sha256);
    if (!(await exists(path))) fail('NOT_FOUND');
    return createReadStream(path, range);
  }

  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async check(): Promise<void> {
    const probe = join(this.tmpDir, `health-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, 'ok');
    await unlink(probe);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
