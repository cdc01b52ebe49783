// The initiator's side after sending: watch each party, resend an SMS (a fresh link, the old one
// dies), revoke the whole request.
import { eq } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { Actor } from '../types.ts';
import { signingParties } from '../db/schema.ts';
import type { SigningContext } from '../person-signing/context.ts';
import { invitationLink, sendPartySms, type InvitationView } from './create-invitation.ts';
import { findOwnRequest, findPartyContext, listRequests, revokeRequestRow } from './invitation-repository.ts';
import { newLinkToken } from './link-token.ts';
import { partyStatus, toPartyView, type PartyView } from './party-view.ts';

export const RESEND_GAP_MS = 60_000;
export const MAX_SMS_PER_PARTY = 5;

export async function listInvitations(ctx: SigningContext, actor: Actor, fileId?: string): Promise<InvitationView[]> {
  const rows = await listRequests(ctx.deps.db, actor.enterpriseId, fileId);
  return rows.map(({ request, fileName, parties }) => ({
    id: request.id,
    fileId: request.fileId,
    fileName,
    projectName: request.projectName,
    createdAt: request.createdAt.toISOString(),
    revoked: Boolean(request.revokedAt),
    parties: parties.map((p) => toPartyView(p, request)),
  }));
}

export async function resendPartySms(ctx: SigningContext, actor: Actor, partyId: string): Promise<PartyView> {
  const found = await findPartyContext(ctx.deps.db, partyId);
  if (!found || found.request.enterpriseId !== actor.enterpriseId) fail('NOT_FOUND');
  const status = partyStatus(found.party, found.request);
  if (status === 'done') fail('INVITATION_DONE');
  if (status === 'revoked') fail('INVITATION_REVOKED');
  if (status === 'rejected') fail('CONFLICT', '对方已拒绝，请重新发起');
  if (found.party.smsSentAt && Date.now() - found.party.smsSentAt.getTime() < RESEND_GAP_MS) fail('SMS_RATE_LIMITED', '短信已发送，请 1 分钟后再重发');
  if (found.party.smsCount >= MAX_SMS_PER_PARTY) fail('SMS_RATE_LIMITED', `同一盖章、签名方最多发送 ${MAX_SMS_PER_PARTY} 次短信`);
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + ctx.deps.config.invitationLinkMs);
  const [party] = await ctx.deps.db.update(signingParties).set({ linkHash: hash, expiresAt }).where(eq(signingParties.id, partyId)).returning();
  const link = invitationLink(ctx.deps.config.publicOrigin, token);
  await sendPartySms(ctx, party!, found.request.projectName, link);
  await ctx.deps.audit({ action: 'invite-resend', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'signing-party', targetId: partyId });
  return toPartyView({ ...party!, smsCount: party!.smsCount + 1, smsSentAt: new Date() }, found.request, link);
}

export async function revokeInvitation(ctx: SigningContext, actor: Actor, requestId: string): Promise<void> {
  const request = await findOwnRequest(ctx.deps.db, actor.enterpriseId, requestId);
  if (!request) fail('NOT_FOUND');
  if (await revokeRequestRow(ctx.deps.db, requestId)) {
    await ctx.deps.audit({ action: 'invite-revoke', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'signing-request', targetId: requestId });
  }
}
