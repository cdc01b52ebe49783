import type { VerifyResult } from '@hall/shared/schemas/sealing';
import { apiFetch } from '../../../lib/api.ts';

export type { VerifyResult };
export type SignatureCheck = VerifyResult['signatures'][number];

/** Anyone: the PDF is checked and not kept. */
export function verifyUpload(file: File): Promise<VerifyResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<VerifyResult>('/api/verify', { method: 'POST', body: form });
}

/** A version (default: the current one) of a file in the signed-in unit's drive. */
export const verifyDriveFile = (fileId: string, version?: number, signal?: AbortSignal) =>
  apiFetch<VerifyResult>(`/api/drive/files/${encodeURIComponent(fileId)}/signatures`, { query: { version }, signal });
