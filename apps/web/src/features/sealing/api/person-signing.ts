// 扫码签名 on the desktop: a one-time link for the phone, its state pushed as server-sent events,
// and the signature placed on a file.
import type { ApplyQrSignatureBody, QrSession, QrSessionStatus } from '@hall/shared/schemas/invitations';
import { apiFetch } from '../../../lib/api.ts';

export type { QrSession, QrSessionStatus };

export const createQrSession = () => apiFetch<QrSession>('/api/person-signing/sessions', { method: 'POST' });

export const signatureImageUrl = (id: string) => `/api/person-signing/sessions/${encodeURIComponent(id)}/signature`;

export const applySignature = (id: string, body: ApplyQrSignatureBody) => apiFetch<{ version: number }>(`/api/person-signing/sessions/${encodeURIComponent(id)}/apply`, { method: 'POST', body });

/** Calls back with each state the server pushes; returns the closer. */
export function watchSession(id: string, onState: (status: QrSessionStatus) => void): () => void {
  const source = new EventSource(`/api/person-signing/sessions/${encodeURIComponent(id)}/events`);
  source.addEventListener('state', (e) => onState(JSON.parse((e as MessageEvent<string>).data) as QrSessionStatus));
  return () => source.close();
}
