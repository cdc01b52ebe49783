// 扫码签名 on the sealing page: the desktop asks for a one-time link (shown as a QR code), waits
// on an event stream while the phone signs, then places the signature like a seal.
import { Readable } from 'node:stream';
import { fail } from '@hall/shared/errors';
import type { Actor } from '../types.ts';
import { personSigningSessions } from '../db/schema.ts';
import { newLinkToken } from '../invitations/link-token.ts';
import type { SigningContext } from './context.ts';
import { findPerson, findSession, updateSession, type SigningSessionRow } from './person-repository.ts';
import { signFileAsPerson, type SignaturePlacement } from './sign-file-as-person.ts';

export interface QrSession {
  id: string;
  url: string;
  expiresAt: string;
}

export interface QrSessionStatus {
  id: string;
  state: 'pending' | 'verified' | 'signed' | 'used' | 'expired';
  person?: { name: string };
  expiresAt: string;
}

export function mobileSignUrl(publicOrigin: string, token: string): string {
  return `${publicOrigin}/m/sign/${token}`;
}

export async function createQrSession(ctx: SigningContext, actor: Actor): Promise<QrSession> {
  if (!ctx.keys.eventCa || !ctx.keys.masterKey) fail('PERSON_SIGNING_UNAVAILABLE');
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + ctx.deps.config.signingQrMs);
  const [row] = await ctx.deps.db
    .insert(personSigningSessions)
    .values({ tokenHash: hash, enterpriseId: actor.enterpriseId, userId: actor.userId, expiresAt })
    .returning({ id: personSigningSessions.id });
  return { id: row!.id, url: mobileSignUrl(ctx.deps.config.publicOrigin, token), expiresAt: expiresAt.toISOString() };
}

export async function ownQrSession(ctx: SigningContext, actor: Actor, id: string): Promise<SigningSessionRow> {
  const row = await findSession(ctx.deps.db, id);
  if (!row || row.enterpriseId !== actor.enterpriseId) fail('NOT_FOUND');
  return row;
}

export function qrStatus(row: SigningSessionRow): QrSessionStatus {
  const expired = !row.usedAt && row.state !== 'signed' && row.expiresAt.getTime() <= Date.now();
  return {
    id: row.id,
    state: expired ? 'expired' : (row.state as QrSessionStatus['state']),
    person: row.state !== 'pending' && row.personName ? { name: row.personName } : undefined,
    expiresAt: row.expiresAt.toISOString(),
  };
}

export async function qrSignatureImage(ctx: SigningContext, actor: Actor, id: string): Promise<Readable> {
  const row = await ownQrSession(ctx, actor, id);
  if (!row.signatureBlob) fail('NOT_FOUND', '尚未签名');
  return ctx.deps.blobs.get(row.signatureBlob);
}

/** Places the phone's signature on one of the enterprise's files: signed with the person's certificate. */
export async function applyQrSignature(ctx: SigningContext, actor: Actor, id: string, fileId: string, placement: SignaturePlacement): Promise<{ version: number }> {
  const row = await ownQrSession(ctx, actor, id);
  if (row.state !== 'signed' || row.usedAt || !row.signatureBlob || !row.idNumber) fail('LINK_INVALID', '签名已使用或尚未完成');
  const person = await findPerson(ctx.deps.db, row.idNumber);
  if (!person) fail('NOT_FOUND');
  if (!(await updateSession(ctx.deps.db, row.id, { state: 'used', usedAt: new Date() }))) fail('LINK_INVALID', '签名已使用');
  const chunks: Buffer[] = [];
  for await (const c of await ctx.deps.blobs.get(row.signatureBlob)) chunks.push(c as Buffer);
  try {
    const version = await signFileAsPerson(ctx.deps, ctx.keys, ctx.tsaUrl, {
      ownerEnterpriseId: actor.enterpriseId,
      fileId,
      person,
      png: new Uint8Array(Buffer.concat(chunks)),
      placement,
      userId: actor.userId,
    });
    await ctx.events.publish({ sessionId: row.id, state: 'used' });
    return { version };
  } catch (err) {
    await updateSession(ctx.deps.db, row.id, { state: 'signed', usedAt: null }, false);
    throw err;
  }
}
