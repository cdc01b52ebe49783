import type { Application, ApplicationList } from '@hall/shared/schemas/applications';
import type { UnitMaterial, UnitMaterialBody, UnitMaterialList } from '@hall/shared/schemas/my-materials';
import { apiFetch } from '../../../lib/api.ts';

export type { UnitMaterial, UnitMaterialBody, UnitMaterialList } from '@hall/shared/schemas/my-materials';
export { UNIT_MATERIAL_KINDS } from '@hall/shared/schemas/my-materials';

export const listMaterials = (signal?: AbortSignal) => apiFetch<UnitMaterialList>('/api/my-materials', { signal });
export const createMaterial = (body: UnitMaterialBody) => apiFetch<UnitMaterial>('/api/my-materials', { method: 'POST', body });
export const updateMaterial = (id: string, body: UnitMaterialBody) => apiFetch<UnitMaterial>(`/api/my-materials/${id}`, { method: 'PUT', body });
export const deleteMaterial = (id: string) => apiFetch<{ ok: true }>(`/api/my-materials/${id}`, { method: 'DELETE' });

/** The drive, read only: folders and their files to pick a material's files from. */
export interface DriveFolder {
  id: string;
  parentId: string | null;
  name: string;
  code: string;
  fileCount: number;
}
export interface DriveFile {
  id: string;
  name: string;
  size: number;
  version: number;
  updatedAt: string;
}
export const listFolders = (signal?: AbortSignal) => apiFetch<DriveFolder[]>('/api/drive/folders', { signal });
export const listFolderFiles = (folderId: string, signal?: AbortSignal) => apiFetch<DriveFile[]>(`/api/drive/folders/${folderId}/files`, { signal });
export const fileUrl = (fileId: string, version: number) => `/api/drive/files/${fileId}/content?version=${version}&disposition=inline`;

/** 项目申报, read only here: the unit's applications and one's material rows, to pick where a material goes. */
export const listApplications = (signal?: AbortSignal) => apiFetch<ApplicationList>('/api/applications', { query: { page: 1, pageSize: 100 }, signal });
export const getApplication = (id: string, signal?: AbortSignal) => apiFetch<Application>(`/api/applications/${id}`, { signal });
export const attachToApplication = (id: string, applicationId: string, materialId: string) =>
  apiFetch<Application>(`/api/my-materials/${id}/attach`, { method: 'POST', body: { applicationId, materialId } });
