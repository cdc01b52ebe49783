import type { EnterpriseLink, LinkPage, LinkUpload } from '@hall/shared/schemas/applications';
import { ApiError, csrfHeaders, errorFromBody } from '../../../lib/api.ts';

export type { LinkPage } from '@hall/shared/schemas/applications';

// The 访问码 travels in the x-access-code header (never in the URL, which logs keep), so these
// two calls use fetch directly with the same error handling as apiFetch.
async function call<T>(url: string, init: RequestInit, code: string | undefined): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...(init.method === 'POST' || init.method === 'DELETE' ? csrfHeaders() : {}) };
  if (code) headers['x-access-code'] = code;
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw errorFromBody(res.status, body);
  return body as T;
}

export function openLink(token: string, code?: string): Promise<LinkPage> {
  return call<LinkPage>(`/api/third-party/${encodeURIComponent(token)}`, { method: 'GET' }, code);
}

export function uploadViaLink(token: string, files: File[], code?: string): Promise<LinkUpload> {
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  return call<LinkUpload>(`/api/third-party/${encodeURIComponent(token)}/files`, { method: 'POST', body }, code);
}

export type { EnterpriseLink } from '@hall/shared/schemas/applications';

export function listMyLinks(): Promise<EnterpriseLink[]> {
  return call(`/api/third-party-links`, { method: 'GET' }, undefined);
}

export function revokeMyLink(id: string): Promise<{ ok: true }> {
  return call(`/api/third-party-links/${encodeURIComponent(id)}`, { method: 'DELETE' }, undefined);
}
