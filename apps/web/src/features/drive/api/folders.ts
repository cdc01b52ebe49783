import { apiFetch } from '../../../lib/api.ts';
import type { DriveFolder } from './types.ts';

export interface FolderInput {
  parentId?: string | null;
  name: string;
  code: string;
}

export function listFolders(signal?: AbortSignal): Promise<DriveFolder[]> {
  return apiFetch<DriveFolder[]>('/api/drive/folders', { signal });
}

export function createFolder(input: FolderInput): Promise<DriveFolder> {
  return apiFetch<DriveFolder>('/api/drive/folders', { method: 'POST', body: input });
}

export function updateFolder(id: string, input: Partial<FolderInput>): Promise<DriveFolder> {
  return apiFetch<DriveFolder>(`/api/drive/folders/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}

export function deleteFolder(id: string): Promise<void> {
  return apiFetch<void>(`/api/drive/folders/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
