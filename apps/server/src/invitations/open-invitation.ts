// What a party's link opens. The link is the party's alone: an unknown token is a 404 that says
// nothing; the party learns when its link has expired or was revoked. An enterprise must be
// logged in with a CA key of the invited unit (same 统一社会信用代码) to see or seal the file.
import { fail } from '@hall/shared/errors';
import type { Actor } from '../types.ts';
import type { SigningContext } from '../person-signing/context.ts';
import { enterpriseCreditCode } from '../sealing/operation-repository.ts';
import { findPartyByLink, type PartyContext } from './invitation-repository.ts';
import { hashLinkToken, isLinkTokenShape } from './link-token.ts';
import { partyStatus, partyStatusLabel, type PartyStatus } from './party-view.ts';

export interface InvitationLanding {
  kind: 'enterprise' | 'person';
  status: PartyStatus;
  statusLabel: string;
  projectName: string;
  initiator: string;
  fileName: string;
  fileVersion: number;
  /** 单位名称 (enterprise) or 姓名 (person) of the invited party */
  partyName: string;
  expiresAt: string;
  /** enterprise: whether the current session belongs to the invited unit (absent: not logged in) */
  loggedInAsParty?: boolean;
}

/** The party behind a link, refusing revoked and expired ones with their own message. */
export async function partyByToken(ctx: SigningContext, token: string, { allowDone = false } = {}): Promise<PartyContext> {
  if (!isLinkTokenShape(token)) fail('LINK_INVALID');
  const found = await findPartyByLink(ctx.deps.db, hashLinkToken(token));
  if (!found) fail('LINK_INVALID');
  const status = partyStatus(found.party, found.request);
  if (status === 'done' && !allowDone) fail('INVITATION_DONE');
  if (status === 'revoked') fail('INVITATION_REVOKED');
  if (status === 'expired') fail('INVITATION_EXPIRED');
  if (status === 'rejected') fail('LINK_INVALID', '您已拒绝该盖章、签名请求');
  return found;
}

/** An enterprise party acting in a session: the session's unit must be the invited one. */
export async function enterprisePartyFor(ctx: SigningContext, token: string, actor: Actor): Promise<PartyContext> {
  const found = await partyByToken(ctx, token);
  if (found.party.kind !== 'enterprise') fail('LINK_INVALID');
  if ((await enterpriseCreditCode(ctx.deps.db, actor.enterpriseId)) !== found.party.creditCode) fail('INVITATION_WRONG_UNIT');
  return found;
}

export async function openInvitation(ctx: SigningContext, token: string, actor: Actor | undefined): Promise<InvitationLanding> {
  const found = await partyByToken(ctx, token, { allowDone: true });
  const { party, request } = found;
  let loggedInAsParty: boolean | undefined;
  if (party.kind === 'enterprise' && actor) {
    loggedInAsParty = (await enterpriseCreditCode(ctx.deps.db, actor.enterpriseId)) === party.creditCode;
    if (!loggedInAsParty) fail('INVITATION_WRONG_UNIT');
  }
  const status = partyStatus(party, request);
  return {
    kind: party.kind as InvitationLanding['kind'],
    status,
    statusLabel: partyStatusLabel(party.kind, status),
    projectName: request.projectName,
    initiator: found.initiator,
    fileName: found.fileName,
    fileVersion: found.fileVersion,
    partyName: (party.kind === 'enterprise' ? party.unitName : party.personName) ?? '',
    expiresAt: party.expiresAt.toISOString(),
    loggedInAsParty,
  };
}
