// Blobs in an S3-compatible object store under blobs/<sha256>.
//
// The hash is known only after the last byte, but S3 wants the key up front. We stream once
// into a temp key (multipart, a few 5 MiB parts in memory at a time) while hashing, then copy
// server-side to the hash key and delete the temp key. Chosen over "hash to a local temp
// file, then upload" because an instance needs no local disk big enough for uploads and reads
// the bytes once; the price is a server-side copy (single CopyObject: up to 5 GiB, well above
// MAX_UPLOAD_MB). A crash leaves at most a stray tmp/ object (expire tmp/ with a bucket
// lifecycle rule), never a partial object under a hash key, because S3 makes an object
// visible only when its upload completes.
import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { fail } from '@hall/shared/errors';
import type { S3Settings } from '../config.ts';
import { HashingCounter, SHA256_HEX, type BlobStore, type PutOptions, type StoredBlob } from './blob-store.ts';

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: Boolean(settings.endpoint),
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
    });
  }

  private keyOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) fail('NOT_FOUND');
    return `blobs/${sha256}`;
  }

  async put(source: Readable, options: PutOptions = {}): Promise<StoredBlob> {
    const tmpKey = `tmp/${Date.now()}-${randomBytes(8).toString('hex')}`;
    const counter = new HashingCounter(options.maxBytes);
    const body = new PassThrough();
    source.on('error', (err) => counter.destroy(err));
    source.pipe(counter).pipe(body);
    counter.on('error', (err) => body.destroy(err));
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: tmpKey, Body: body } });
    try {
      await upload.done();
      const sha256 = counter.digest();
      const key = this.keyOf(sha256);
      if (!(await this.exists(key))) {
        await this.client.send(
          new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: `${this.bucket}/${tmpKey}` }),
        );
      }
      return { sha256, size: counter.size };
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey })).catch(() => {});
    }
  }

  async get(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(sha256),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return out.Body as Readable;
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') fail('NOT_FOUND');
      throw err;
    }
  }

  has(sha256: string): Promise<boolean> {
    return this.exists(this.keyOf(sha256));
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  }
}

