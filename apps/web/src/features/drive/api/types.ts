// Shapes of the cloud-drive API (notes/api-contract.md); switch to @hall/shared/schemas when it lands.

export interface DriveFolder {
  id: string;
  parentId: string | null;
  name: string;
  code: string;
  fileCount: number;
}

export type FileKind = 'pdf' | 'word' | 'excel' | 'image' | 'ofd' | 'other';

export interface DriveFile {
  id: string;
  name: string;
  size: number;
  mimeType: string;
  kind: FileKind;
  updatedAt: string;
  version: number;
  versionCount: number;
  converting?: boolean;
}

/** A file in the recycle bin; the folder fields say where 恢复 puts it back. */
export interface RecycledFile extends DriveFile {
  deletedAt?: string;
  folderId?: string;
  folderName?: string;
}

export interface FileVersion {
  version: number;
  size: number;
  mimeType: string;
  name: string;
  createdAt: string;
  createdBy: string;
  note: string | null;
}

export interface Job {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  error?: { code: string; message: string };
}
