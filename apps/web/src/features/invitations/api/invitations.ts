// 发起盖章、签名: the initiator's requests and the party's landing on its link.
import type { CreateInvitationBody, Invitation, InvitationLanding, Party, SigningLink } from '@hall/shared/schemas/invitations';
import { apiFetch } from '../../../lib/api.ts';

export type { CreateInvitationBody, Invitation, InvitationLanding, Party };

export const listInvitations = (fileId: string | undefined, signal?: AbortSignal) => apiFetch<Invitation[]>('/api/invitations', { query: { fileId }, signal });

export const createInvitation = (body: CreateInvitationBody) => apiFetch<Invitation>('/api/invitations', { method: 'POST', body });

export const resendSms = (partyId: string) => apiFetch<Party>(`/api/invitations/parties/${encodeURIComponent(partyId)}/resend`, { method: 'POST' });

export const revokeInvitation = (id: string) => apiFetch<{ ok: true }>(`/api/invitations/${encodeURIComponent(id)}/revoke`, { method: 'POST' });

export const openInvitation = (token: string, signal?: AbortSignal) => apiFetch<InvitationLanding>(`/api/invite/${encodeURIComponent(token)}`, { signal });

export const startPersonLink = (token: string) => apiFetch<SigningLink>(`/api/invite/${encodeURIComponent(token)}/person-link`, { method: 'POST' });

export const declineInvitation = (token: string) => apiFetch<{ ok: true }>(`/api/invite/${encodeURIComponent(token)}/decline`, { method: 'POST' });
