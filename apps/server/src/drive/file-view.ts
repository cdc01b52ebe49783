import type { DriveFile, FileKind, RecycledFile } from '@hall/shared/schemas/drive';
import type { FileListing } from './file-repository.ts';

export function toDriveFile(row: FileListing): DriveFile {
  return {
    id: row.id,
    folderId: row.folderId,
    name: row.name,
    size: Number(row.size),
    mimeType: row.mimeType,
    kind: row.kind as FileKind,
    updatedAt: new Date(row.updatedAt).toISOString(),
    version: row.version,
    versionCount: Number(row.versionCount),
    converting: Boolean(row.converting),
  };
}

export function toRecycledFile(row: FileListing): RecycledFile {
  return { ...toDriveFile(row), deletedAt: new Date(row.deletedAt!).toISOString(), folderName: row.folderName };
}
