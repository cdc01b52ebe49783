// The phone's one-time signing link: no login, the link and the SMS code are the proof.
import type { MobileCodeBody, MobileSignatureBody, MobileSignatureResult, MobileView } from '@hall/shared/schemas/invitations';
import { apiFetch } from '../../../lib/api.ts';

export type { MobileView };

const base = (token: string) => `/api/m/${encodeURIComponent(token)}`;

export const openLink = (token: string, signal?: AbortSignal) => apiFetch<MobileView>(base(token), { signal });

export const requestCode = (token: string, body: MobileCodeBody) => apiFetch<{ expiresAt: string; phoneMasked: string }>(`${base(token)}/code`, { method: 'POST', body });

export const verifyCode = (token: string, code: string) => apiFetch<MobileView>(`${base(token)}/verify`, { method: 'POST', body: { code } });

export const submitSignature = (token: string, body: MobileSignatureBody) => apiFetch<MobileSignatureResult>(`${base(token)}/signature`, { method: 'POST', body });
