// Reading, versioning and recycling files. Each function takes the actor and filters by its
// enterprise, so another enterprise's file id reads as NOT_FOUND.
import type { Readable } from 'node:stream';
import { fail } from '@hall/shared/errors';
import type { DriveFile, FileKind, FileVersion, RecycledFile } from '@hall/shared/schemas/drive';
import type { Actor, Deps } from '../types.ts';
import {
  appendVersion,
  findFile,
  findVersion,
  getFileListing,
  listDeletedFiles,
  listLiveFiles,
  listVersions,
  setFileDeleted,
} from './file-repository.ts';
import { ancestorIds, findFolderAnyState, findLiveFolder } from './folder-repository.ts';
import { toDriveFile, toRecycledFile } from './file-view.ts';
import { eq, sql } from 'drizzle-orm';
import { folders } from '../db/schema.ts';
import { isUniqueViolation } from '../db/errors.ts';

type D = Pick<Deps, 'db' | 'blobs' | 'audit'>;

export async function listFiles(deps: D, actor: Actor, folderId: string): Promise<DriveFile[]> {
  if (!(await findLiveFolder(deps.db, actor.enterpriseId, folderId))) fail('NOT_FOUND', '文件夹不存在');
  return (await listLiveFiles(deps.db, actor.enterpriseId, folderId)).map(toDriveFile);
}

async function liveFile(deps: D, actor: Actor, fileId: string) {
  const file = await findFile(deps.db, actor.enterpriseId, fileId);
  if (!file || file.deletedAt) fail('NOT_FOUND');
  return file;
}

export interface FileContent {
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  /** Set when only a slice is sent. */
  range?: ByteRange;
  stream: Readable;
}

/**
 * The bytes of the current version, or of `version` when given; with a range (`bytes=a-b`,
 * as HTTP has it) only that slice, so a PDF viewer can fetch parts of a large file.
 */
export async function getFileContent(deps: D, actor: Actor, fileId: string, version?: number, rangeSpec?: string): Promise<FileContent> {
  const file = await liveFile(deps, actor, fileId);
  const row = await findVersion(deps.db, file.id, version ?? file.currentVersion);
  if (!row) fail('NOT_FOUND', '该版本不存在');
  const size = Number(row.size);
  const slice = parseRange(rangeSpec, size);
  return { name: row.name, mimeType: row.mimeType, size, sha256: row.blobSha256, range: slice, stream: await deps.blobs.get(row.blobSha256, slice) };
}

export interface ByteRange {
  start: number;
  end: number;
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; anything else (several ranges, junk) is ignored. */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix > 0 ? { start: Math.max(0, size - suffix), end: size - 1 } : undefined;
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start <= end ? { start, end } : undefined;
}

export async function listFileVersions(deps: D, actor: Actor, fileId: string): Promise<FileVersion[]> {
  const file = await liveFile(deps, actor, fileId);
  return (await listVersions(deps.db, file.id)).map((v) => ({ ...v, size: Number(v.size), createdAt: new Date(v.createdAt).toISOString() }));
}

/** Restoring never rewrites history: the old version's bytes become a new, current version. */
export async function restoreVersion(deps: D, actor: Actor, fileId: string, version: number): Promise<DriveFile> {
  await deps.db.transaction(async (tx) => {
    const file = await findFile(tx, actor.enterpriseId, fileId, true);
    if (!file || file.deletedAt) fail('NOT_FOUND');
    const old = await findVersion(tx, file.id, version);
    if (!old) fail('NOT_FOUND', '该版本不存在');
    const created = await appendVersion(tx, file, {
      blobSha256: old.blobSha256,
      size: Number(old.size),
      name: old.name,
      mimeType: old.mimeType,
      kind: old.kind as FileKind,
      note: `恢复自第 ${version} 版`,
      createdBy: actor.userId,
    });
    await deps.audit(
      { action: 'drive.file.version_restored', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'file', targetId: file.id, details: { from: version, newVersion: created } },
      tx,
    );
  });
  return toDriveFile((await getFileListing(deps.db, actor.enterpriseId, fileId))!);
}

export async function recycleFile(deps: D, actor: Actor, fileId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const file = await findFile(tx, actor.enterpriseId, fileId, true);
    if (!file || file.deletedAt) fail('NOT_FOUND');
    await setFileDeleted(tx, actor.enterpriseId, file.id, true);
    await deps.audit({ action: 'drive.file.recycled', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'file', targetId: file.id }, tx);
  });
}

export async function listRecycleBin(deps: D, actor: Actor): Promise<RecycledFile[]> {
  return (await listDeletedFiles(deps.db, actor.enterpriseId)).map(toRecycledFile);
}

/** Back out of the recycle bin; folders deleted meanwhile (its own and their parents) come back with it. */
export async function restoreFile(deps: D, actor: Actor, fileId: string): Promise<DriveFile> {
  try {
    await deps.db.transaction(async (tx) => {
      const file = await findFile(tx, actor.enterpriseId, fileId, true);
      if (!file || !file.deletedAt) fail('NOT_FOUND');
      for (const id of await ancestorIds(tx, actor.enterpriseId, file.folderId)) {
        const folder = await findFolderAnyState(tx, actor.enterpriseId, id);
        if (folder?.deletedAt) await tx.update(folders).set({ deletedAt: null, updatedAt: sql`now()` }).where(eq(folders.id, id));
      }
      await setFileDeleted(tx, actor.enterpriseId, file.id, false);
      await deps.audit({ action: 'drive.file.restored', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'file', targetId: file.id }, tx);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'folders_sibling_code_uq')) fail('FOLDER_CODE_TAKEN', '原文件夹已删除，且同一目录下已有相同编码的文件夹，无法还原');
    throw err;
  }
  return toDriveFile((await getFileListing(deps.db, actor.enterpriseId, fileId))!);
}
