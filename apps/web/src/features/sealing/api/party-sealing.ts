// An invited enterprise seals the initiator's file with its own CA key: the hall prepares the
// digest for the invitation's file and finishes it (the same two phases as 在线盖章).
import type { InvitationLanding } from '@hall/shared/schemas/invitations';
import type { PreparedSealing, PrepareSealingBody } from '@hall/shared/schemas/sealing';
import { apiFetch } from '../../../lib/api.ts';

const base = (token: string) => `/api/invite/${encodeURIComponent(token)}`;

/** The invitation as the party sees it: who asked, the file, its current version, the party's state. */
export const openInvitation = (token: string, signal?: AbortSignal) => apiFetch<InvitationLanding>(base(token), { signal });
export const contentUrl = (token: string) => `${base(token)}/content`;
export const preparePartySealing = (token: string, body: PrepareSealingBody) => apiFetch<PreparedSealing>(`${base(token)}/prepare`, { method: 'POST', body });
export const finishPartySealing = (token: string, operationId: string, signature: string) =>
  apiFetch<{ version: number }>(`${base(token)}/finish`, { method: 'POST', body: { operationId, signature } });
