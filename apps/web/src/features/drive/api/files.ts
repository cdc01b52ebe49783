import { apiFetch, apiUrl } from '../../../lib/api.ts';
import type { DriveFile, FileVersion, RecycledFile } from './types.ts';

const file = (id: string) => `/api/drive/files/${encodeURIComponent(id)}`;

export function listFiles(folderId: string, signal?: AbortSignal): Promise<DriveFile[]> {
  return apiFetch<DriveFile[]>(`/api/drive/folders/${encodeURIComponent(folderId)}/files`, { signal });
}

/** The file's bytes; the server names the download (RFC 5987), so a plain link works. */
export function fileContentUrl(id: string, version?: number, disposition?: 'inline'): string {
  return apiUrl(`${file(id)}/content`, { version, disposition });
}

export function deleteFile(id: string): Promise<void> {
  return apiFetch<void>(file(id), { method: 'DELETE' });
}

export function listVersions(id: string, signal?: AbortSignal): Promise<FileVersion[]> {
  return apiFetch<FileVersion[]>(`${file(id)}/versions`, { signal });
}

export function restoreVersion(id: string, version: number): Promise<DriveFile> {
  return apiFetch<DriveFile>(`${file(id)}/versions/${version}/restore`, { method: 'POST' });
}

export function listRecycleBin(signal?: AbortSignal): Promise<RecycledFile[]> {
  return apiFetch<RecycledFile[]>('/api/drive/recycle-bin', { signal });
}

export function restoreFile(id: string): Promise<DriveFile> {
  return apiFetch<DriveFile>(`${file(id)}/restore`, { method: 'POST' });
}
