// A person party opens its link (on a PC or a phone) and gets a one-time signing link of its
// own: used right there (verify, draw on the PC) or shown as a QR code for the phone. A new one
// retires the earlier ones, so only one device can be signing.
import { and, eq, isNull } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { personSigningSessions, signingParties } from '../db/schema.ts';
import type { SigningContext } from '../person-signing/context.ts';
import { mobileSignUrl } from '../person-signing/qr-signing.ts';
import { newLinkToken } from './link-token.ts';
import { partyByToken } from './open-invitation.ts';

export async function startPartySigning(ctx: SigningContext, token: string): Promise<{ token: string; url: string; expiresAt: string }> {
  const { party } = await partyByToken(ctx, token);
  if (party.kind !== 'person') fail('LINK_INVALID');
  if (!ctx.keys.eventCa || !ctx.keys.masterKey) fail('PERSON_SIGNING_UNAVAILABLE');
  const link = newLinkToken();
  const expiresAt = new Date(Math.min(Date.now() + ctx.deps.config.signingQrMs, party.expiresAt.getTime()));
  await ctx.deps.db.transaction(async (tx) => {
    await tx.update(personSigningSessions).set({ usedAt: new Date() }).where(and(eq(personSigningSessions.partyId, party.id), isNull(personSigningSessions.usedAt)));
    await tx.insert(personSigningSessions).values({ tokenHash: link.hash, partyId: party.id, expiresAt });
  });
  return { token: link.token, url: mobileSignUrl(ctx.deps.config.publicOrigin, link.token), expiresAt: expiresAt.toISOString() };
}

export async function declineInvitation(ctx: SigningContext, token: string): Promise<void> {
  const { party } = await partyByToken(ctx, token);
  await ctx.deps.db.update(signingParties).set({ state: 'rejected', doneAt: new Date() }).where(and(eq(signingParties.id, party.id), eq(signingParties.state, 'pending')));
}
