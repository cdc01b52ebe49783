// Content-addressed, immutable blobs: a blob's name is the SHA-256 of its bytes, so a name
// never points at different bytes and nothing is overwritten in place.
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createHash, type Hash } from 'node:crypto';
import { HallError } from '@hall/shared/errors';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface PutOptions {
  /** More bytes than this → FILE_TOO_LARGE, and nothing is stored under a hash name. */
  maxBytes?: number;
}

export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** Resolves only once the blob is durable under its hash name. */
  put(source: Readable, options?: PutOptions): Promise<StoredBlob>;
  /** The bytes; `end` is inclusive, as in HTTP ranges. */
  get(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Throws when the store cannot be written to (for /api/health). */
  check(): Promise<void>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Passes bytes through while hashing and counting them; errors past maxBytes. */
export class HashingCounter extends Transform {
  readonly hash: Hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new HallError('FILE_TOO_LARGE', undefined, { maxBytes: this.maxBytes }));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
