// Uploads into a folder. Each file streams straight into the blob store (never held whole in
// memory) with its size limited; its type is then read from the stored bytes. Only when
// every file of the request is durable and allowed are the rows written, in one transaction:
// a request adds all its files or none, and no row ever points at a missing blob.
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { fail, HallError } from '@hall/shared/errors';
import type { DriveFile } from '@hall/shared/schemas/drive';
import type { StoredBlob } from '../blobs/blob-store.ts';
import type { Actor, Deps } from '../types.ts';
import { detectFileType, type DetectedType } from './detect-file-type.ts';
import { getFileListing, insertFile } from './file-repository.ts';
import { findLiveFolder } from './folder-repository.ts';
import { readBlobRange } from './read-blob-range.ts';
import { toDriveFile } from './file-view.ts';

export interface IncomingFile {
  filename: string;
  stream: Readable;
}

const HEAD_BYTES = 4096;
const MAX_NAME_LENGTH = 255;

/** The name as the user gave it, minus any path a browser prepended and control characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const name = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!name || name === '.' || name === '..') fail('VALIDATION_FAILED', '文件名不能为空', { fields: [{ field: 'file', message: '文件名不能为空' }] });
  if ([...name].length > MAX_NAME_LENGTH) fail('VALIDATION_FAILED', `文件名不能超过 ${MAX_NAME_LENGTH} 个字符`, { fields: [{ field: 'file', message: `文件名不能超过 ${MAX_NAME_LENGTH} 个字符` }] });
  return name;
}

/** Keeps the first bytes that pass through, for magic-number checks. */
class HeadCapture extends Transform {
  private chunks: Buffer[] = [];
  private length = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.length < HEAD_BYTES) {
      this.chunks.push(chunk.subarray(0, HEAD_BYTES - this.length));
      this.length += Math.min(chunk.length, HEAD_BYTES - this.length);
    }
    done(null, chunk);
  }
  get head(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

interface Staged {
  name: string;
  blob: StoredBlob;
  type: DetectedType;
}

export class UploadSession {
  private readonly staged: Staged[] = [];

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'blobs' | 'audit' | 'config'>,
    private readonly actor: Actor,
    private readonly folderId: string,
  ) {}

  /** Checks the folder before any byte is stored. */
  async open(): Promise<this> {
    if (!(await findLiveFolder(this.deps.db, this.actor.enterpriseId, this.folderId))) fail('NOT_FOUND', '文件夹不存在');
    return this;
  }

  /** Stores one file's bytes durably and checks its type; the file is not visible yet. */
  async add(file: IncomingFile): Promise<void> {
    const name = cleanFileName(file.filename);
    const capture = new HeadCapture();
    file.stream.on('error', (err) => capture.destroy(err));
    let blob: StoredBlob;
    try {
      blob = await this.deps.blobs.put(file.stream.pipe(capture), { maxBytes: this.deps.config.maxUploadBytes });
    } catch (err) {
      if (err instanceof HallError && err.code === 'FILE_TOO_LARGE') {
        fail('FILE_TOO_LARGE', `文件「${name}」超过了允许的大小（${Math.floor(this.deps.config.maxUploadBytes / 1024 / 1024)} MB）`, { fileName: name, maxBytes: this.deps.config.maxUploadBytes });
      }
      throw err;
    }
    const type = await detectFileType(name, blob.size, capture.head, (start, end) => readBlobRange(this.deps.blobs, blob.sha256, start, end));
    if (!type) fail('FILE_TYPE_NOT_ALLOWED', undefined, { fileName: name });
    this.staged.push({ name, blob, type });
  }

  /** Writes every staged file's rows in one transaction and returns them. */
  async commit(): Promise<DriveFile[]> {
    if (this.staged.length === 0) fail('VALIDATION_FAILED', '请选择要上传的文件', { fields: [{ field: 'file', message: '请选择要上传的文件' }] });
    const { enterpriseId, userId } = this.actor;
    const ids = await this.deps.db.transaction(async (tx) => {
      if (!(await findLiveFolder(tx, enterpriseId, this.folderId))) fail('NOT_FOUND', '文件夹不存在');
      const created: string[] = [];
      for (const s of this.staged) {
        const id = await insertFile(tx, enterpriseId, this.folderId, {
          blobSha256: s.blob.sha256,
          size: s.blob.size,
          name: s.name,
          mimeType: s.type.mimeType,
          kind: s.type.kind,
          note: '上传',
          createdBy: userId,
        });
        await this.deps.audit(
          { action: 'drive.file.uploaded', enterpriseId, userId, targetType: 'file', targetId: id, details: { name: s.name, size: s.blob.size, sha256: s.blob.sha256, folderId: this.folderId } },
          tx,
        );
        created.push(id);
      }
      return created;
    });
    const out: DriveFile[] = [];
    for (const id of ids) out.push(toDriveFile((await getFileListing(this.deps.db, enterpriseId, id))!));
    return out;
  }
}
