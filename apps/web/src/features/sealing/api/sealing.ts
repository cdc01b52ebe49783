// The hall's sealing API (two-phase: prepare → the key signs → finish) and the 印章库.
import type { PublicConfig } from '@hall/shared/schemas/auth';
import type { FileVersion } from '@hall/shared/schemas/drive';
import type { FinishedSealing, LibrarySeal, PreparedSealing, PrepareSealingBody } from '@hall/shared/schemas/sealing';
import { apiFetch, apiUrl } from '../../../lib/api.ts';

export type { FinishedSealing, LibrarySeal, PreparedSealing, PrepareSealingBody };

export const getConfig = () => apiFetch<PublicConfig>('/api/config');

/** The file's versions, newest (current) first. */
export const listVersions = (fileId: string, signal?: AbortSignal) =>
  apiFetch<FileVersion[]>(`/api/drive/files/${encodeURIComponent(fileId)}/versions`, { signal });

export const contentUrl = (fileId: string, version: number) =>
  apiUrl(`/api/drive/files/${encodeURIComponent(fileId)}/content`, { version, disposition: 'inline' });

export const prepareSealing = (fileId: string, body: PrepareSealingBody) =>
  apiFetch<PreparedSealing>(`/api/sealing/${encodeURIComponent(fileId)}/prepare`, { method: 'POST', body });

export const finishSealing = (operationId: string, signature: string) =>
  apiFetch<FinishedSealing>(`/api/sealing/operations/${encodeURIComponent(operationId)}/finish`, { method: 'POST', body: { signature } });

export const listLibrarySeals = () => apiFetch<LibrarySeal[]>('/api/seals');

export function uploadLibrarySeal(fields: { name: string; kind: string; certificateSerial: string; widthMm?: number; file: File }) {
  const form = new FormData();
  form.append('name', fields.name);
  form.append('kind', fields.kind);
  form.append('certificateSerial', fields.certificateSerial);
  if (fields.widthMm) form.append('widthMm', String(fields.widthMm));
  form.append('file', fields.file, fields.file.name);
  return apiFetch<LibrarySeal>('/api/seals', { method: 'POST', body: form });
}

export const deleteLibrarySeal = (id: string) => apiFetch<{ ok: true }>(`/api/seals/${encodeURIComponent(id)}`, { method: 'DELETE' });
