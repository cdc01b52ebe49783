import type { Application, ApplicationForm, ApplicationList, Catalogue, CatalogueMaterial, CreatedLink, LinkSummary, Project, RevealedLink } from '@hall/shared/schemas/applications';
import type { DriveFile, Folder } from '@hall/shared/schemas/drive';
import type { UnitMaterialList } from '@hall/shared/schemas/my-materials';
import { apiFetch } from '../../../lib/api.ts';

export type { Application, ApplicationList, Catalogue, CatalogueMaterial, CreatedLink, LinkSummary, Project, RevealedLink } from '@hall/shared/schemas/applications';
export type { DriveFile, Folder } from '@hall/shared/schemas/drive';
export type { UnitMaterial } from '@hall/shared/schemas/my-materials';

const app = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

export const getCatalogue = (signal?: AbortSignal) => apiFetch<Catalogue>('/api/catalogue', { signal });
export const getMaterials = (matterId: string) => apiFetch<CatalogueMaterial[]>(`/api/catalogue/matters/${encodeURIComponent(matterId)}/materials`);
export const listMyProjects = () => apiFetch<Project[]>('/api/projects');
export const listApplications = (page: number) => apiFetch<ApplicationList>('/api/applications', { query: { page, pageSize: 20 } });
export const createApplication = (projectId: string, matterId: string, form: ApplicationForm) => apiFetch<Application>('/api/applications', { method: 'POST', body: { projectId, matterId, form } });
export const getApplication = (id: string, signal?: AbortSignal) => apiFetch<Application>(app(id), { signal });
/** The 打印预览: the same view, with every PDF's signatures counted and checked (slower). */
export const getApplicationForPrint = (id: string, signal?: AbortSignal) => apiFetch<Application>(app(id), { signal, query: { signatures: true } });
export const saveForm = (id: string, form: ApplicationForm) => apiFetch<Application>(`${app(id)}/form`, { method: 'PUT', body: form });
export const submit = (id: string) => apiFetch<Application>(`${app(id)}/submit`, { method: 'POST' });
export const answer = (id: string) => apiFetch<Application>(`${app(id)}/answer`, { method: 'POST' });
/** 提交补齐: the owed 容缺材料 of a 容缺通过 application, for the window to confirm. */
export const submitDeferral = (id: string) => apiFetch<Application>(`${app(id)}/deferral`, { method: 'POST' });
export const withdraw = (id: string) => apiFetch<Application>(`${app(id)}/withdraw`, { method: 'POST' });
export const removeAttachment = (id: string, attachmentId: string) => apiFetch<Application>(`${app(id)}/attachments/${attachmentId}`, { method: 'DELETE' });
export const attachDriveFiles = (id: string, materialId: string, files: { fileId: string; version: number }[]) =>
  apiFetch<Application>(`${app(id)}/materials/${encodeURIComponent(materialId)}/drive-files`, { method: 'POST', body: { files } });
export function uploadToMaterial(id: string, materialId: string, files: File[]) {
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  return apiFetch<Application>(`${app(id)}/materials/${encodeURIComponent(materialId)}/files`, { method: 'POST', body });
}
/** 我的材料: the unit's kept materials, and one put under a row (the server checks the slot and expiry). */
export const listUnitMaterials = () => apiFetch<UnitMaterialList>('/api/my-materials');
export const attachUnitMaterial = (unitMaterialId: string, applicationId: string, materialId: string) =>
  apiFetch<Application>(`/api/my-materials/${encodeURIComponent(unitMaterialId)}/attach`, { method: 'POST', body: { applicationId, materialId } });
export const createLink = (id: string, body: { materialId: string; thirdPartyName?: string; accessCode?: string; days?: number }) =>
  apiFetch<CreatedLink>(`${app(id)}/third-party-links`, { method: 'POST', body });
export const listLinks = (id: string) => apiFetch<LinkSummary[]>(`${app(id)}/third-party-links`);
/** 第三方材料上传链接 again (URL and 访问码); revoked, expired and older links answer why not. */
export const revealLink = (linkId: string) => apiFetch<RevealedLink>(`/api/third-party-links/${encodeURIComponent(linkId)}/link`);
export const revokeLink = (linkId: string) => apiFetch<{ ok: true }>(`/api/third-party-links/${encodeURIComponent(linkId)}`, { method: 'DELETE' });

export const listFolders = () => apiFetch<Folder[]>('/api/drive/folders');
export const listFolderFiles = (folderId: string) => apiFetch<DriveFile[]>(`/api/drive/folders/${encodeURIComponent(folderId)}/files`);
export const driveFileUrl = (fileId: string, version: number) => `/api/drive/files/${encodeURIComponent(fileId)}/content?version=${version}&disposition=inline`;
