// 事项目录 (administrators): the whole catalogue, and the edits; each edit answers with the matter.
import type { AddMaterialBody, AdminCatalogue, AdminMatter, EditMaterialBody, EditMatterBody } from '@hall/shared/schemas/catalogue-admin';
import { apiFetch } from '../../../lib/api.ts';

export type { AddMaterialBody, AdminCatalogue, AdminMaterial, AdminMatter, EditMaterialBody, EditMatterBody } from '@hall/shared/schemas/catalogue-admin';

const base = '/api/staff/catalogue';
export const adminCatalogue = () => apiFetch<AdminCatalogue>(base);
export const editMatter = (matterId: string, body: EditMatterBody) => apiFetch<AdminMatter>(`${base}/matters/${encodeURIComponent(matterId)}`, { method: 'PATCH', body });
export const addMaterial = (matterId: string, body: AddMaterialBody) => apiFetch<AdminMatter>(`${base}/matters/${encodeURIComponent(matterId)}/materials`, { method: 'POST', body });
export const editMaterial = (materialId: string, body: EditMaterialBody) => apiFetch<AdminMatter>(`${base}/materials/${encodeURIComponent(materialId)}`, { method: 'PATCH', body });
export const setMaterialActive = (materialId: string, active: boolean) =>
  apiFetch<AdminMatter>(`${base}/materials/${encodeURIComponent(materialId)}/${active ? 'enable' : 'disable'}`, { method: 'POST' });
