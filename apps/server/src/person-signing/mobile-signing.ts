// The one-time signing link a phone (or a PC) opens: prove who you are (name, 身份证号, SMS code),
// draw, submit. A link from the sealing page's QR code hands the drawn signature back to that
// desktop; a link of a person party signs the invited file at once.
import { eq } from 'drizzle-orm';
import { isValidIdNumber, isValidMobile } from '@hall/shared/identifiers';
import { fail } from '@hall/shared/errors';
import { Readable } from 'node:stream';
import { persons } from '../db/schema.ts';
import { recordBlob } from '../drive/file-repository.ts';
import { hashLinkToken, isLinkTokenShape } from '../invitations/link-token.ts';
import { findPartyContext, markPartyDone } from '../invitations/invitation-repository.ts';
import { checkCode, issueCode } from '../sms/sms-codes.ts';
import type { SigningContext } from './context.ts';
import { ensurePerson } from './ensure-person.ts';
import { findPerson, findSessionByHash, updateSession, type SigningSessionRow } from './person-repository.ts';
import { signFileAsPerson, type SignaturePlacement } from './sign-file-as-person.ts';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MAX_SIGNATURE_PNG_BYTES = 1024 * 1024;

export interface MobileView {
  purpose: 'qr' | 'party';
  state: 'pending' | 'verified' | 'signed';
  expiresAt: string;
  /** the invited person, when the link belongs to a party: the name is fixed, the rest masked */
  invited?: { name: string; idNumberMasked: string; phoneMasked: string };
  fileName?: string;
  projectName?: string;
  initiator?: string;
  /** once verified: the person's kept signature can be reused */
  hasSavedSignature: boolean;
  person?: { name: string };
}

const maskId = (id: string) => `${id.slice(0, 3)}***********${id.slice(-4)}`;
const maskPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(-4)}`;

/** The live session behind a token; anything else — unknown, expired, used — is the same 404. */
export async function liveSession(ctx: SigningContext, token: string): Promise<SigningSessionRow> {
  if (!isLinkTokenShape(token)) fail('LINK_INVALID');
  const row = await findSessionByHash(ctx.deps.db, hashLinkToken(token));
  if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) fail('LINK_INVALID');
  return row;
}

async function partyOf(ctx: SigningContext, session: SigningSessionRow) {
  if (!session.partyId) return undefined;
  const party = await findPartyContext(ctx.deps.db, session.partyId);
  if (!party || party.request.revokedAt || party.party.state !== 'pending' || party.party.expiresAt.getTime() <= Date.now()) fail('LINK_INVALID');
  return party;
}

export async function openMobileLink(ctx: SigningContext, token: string): Promise<MobileView> {
  const session = await liveSession(ctx, token);
  const party = await partyOf(ctx, session);
  const verified = session.state !== 'pending';
  const saved = verified && session.idNumber ? await findPerson(ctx.deps.db, session.idNumber) : undefined;
  return {
    purpose: party ? 'party' : 'qr',
    state: session.state as MobileView['state'],
    expiresAt: session.expiresAt.toISOString(),
    invited: party
      ? { name: party.party.personName ?? '', idNumberMasked: maskId(party.party.idNumber ?? ''), phoneMasked: maskPhone(party.party.phone) }
      : undefined,
    fileName: party?.fileName,
    projectName: party?.request.projectName,
    initiator: party?.initiator,
    hasSavedSignature: Boolean(saved?.signatureBlob && saved.name === session.personName),
    person: verified && session.personName ? { name: session.personName } : undefined,
  };
}

export interface IdentityInput {
  name: string;
  idNumber: string;
  phone: string;
}

function checkIdentityFields(input: IdentityInput): IdentityInput {
  const fields: { field: string; message: string }[] = [];
  const name = input.name.trim();
  const idNumber = input.idNumber.trim().toUpperCase();
  const phone = input.phone.trim();
  if (!/^[\u4e00-\u9fa5·]{2,20}$/.test(name)) fields.push({ field: 'name', message: '请输入真实姓名' });
  if (!isValidIdNumber(idNumber)) fields.push({ field: 'idNumber', message: '身份证号码不正确（请核对校验位）' });
  if (!isValidMobile(phone)) fields.push({ field: 'phone', message: '请输入正确的手机号码' });
  if (fields.length) fail('VALIDATION_FAILED', undefined, { fields });
  return { name, idNumber, phone };
}

export async function requestMobileCode(ctx: SigningContext, token: string, input: IdentityInput, ip: string): Promise<{ expiresAt: string; phoneMasked: string }> {
  const session = await liveSession(ctx, token);
  if (session.state !== 'pending') fail('CONFLICT', '身份已验证，请直接签名');
  const claim = checkIdentityFields(input);
  const party = await partyOf(ctx, session);
  if (party && (party.party.personName !== claim.name || party.party.idNumber !== claim.idNumber || party.party.phone !== claim.phone)) {
    fail('IDENTITY_MISMATCH');
  }
  await updateSession(ctx.deps.db, session.id, { personName: claim.name, idNumber: claim.idNumber, phone: claim.phone });
  const { expiresAt } = await issueCode(ctx.deps, ctx.sms, { phone: claim.phone, subjectId: session.id, ip });
  return { expiresAt: expiresAt.toISOString(), phoneMasked: maskPhone(claim.phone) };
}

export async function verifyMobileCode(ctx: SigningContext, token: string, code: string): Promise<MobileView> {
  const session = await liveSession(ctx, token);
  if (session.state !== 'pending') return openMobileLink(ctx, token);
  if (!session.phone || !session.idNumber || !session.personName) fail('IDENTITY_NOT_VERIFIED', '请先获取短信验证码');
  await checkCode(ctx.deps, { subjectId: session.id, phone: session.phone, code });
  await ctx.identity.confirm({ name: session.personName, idNumber: session.idNumber, phone: session.phone });
  await updateSession(ctx.deps.db, session.id, { state: 'verified', verifiedAt: new Date() });
  await ctx.events.publish({ sessionId: session.id, state: 'verified' });
  return openMobileLink(ctx, token);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export interface SubmitSignatureInput {
  /** the drawn signature, PNG base64; absent with useSaved */
  png?: string;
  useSaved?: boolean;
  placement?: SignaturePlacement;
}

/** Stores the drawn signature (kept as the person's for reuse) and, for a party, signs the file. */
export async function submitMobileSignature(ctx: SigningContext, token: string, input: SubmitSignatureInput): Promise<{ state: 'signed' | 'done'; version?: number }> {
  const session = await liveSession(ctx, token);
  if (session.state === 'pending' || !session.idNumber || !session.personName || !session.phone) fail('IDENTITY_NOT_VERIFIED');
  if (session.state === 'signed') fail('LINK_INVALID');
  const party = await partyOf(ctx, session);
  const person = await ensurePerson(ctx.deps, ctx.keys, { name: session.personName, idNumber: session.idNumber, phone: session.phone });

  let png: Buffer;
  let blobSha256: string;
  if (input.useSaved) {
    if (!person.signatureBlob) fail('VALIDATION_FAILED', '没有已保存的签名，请手写签名');
    blobSha256 = person.signatureBlob;
    png = await readAll(await ctx.deps.blobs.get(blobSha256));
  } else {
    png = Buffer.from(input.png ?? '', 'base64');
    if (!png.subarray(0, 8).equals(PNG_MAGIC) || png.length > MAX_SIGNATURE_PNG_BYTES) fail('SEAL_IMAGE_INVALID', '签名图片无效，请重新签名');
    const stored = await ctx.deps.blobs.put(Readable.from([png]));
    blobSha256 = stored.sha256;
    await ctx.deps.db.transaction(async (tx) => {
      await recordBlob(tx, stored.sha256, stored.size);
      await tx.update(persons).set({ signatureBlob: stored.sha256 }).where(eq(persons.id, person.id));
    });
  }

  if (!party) {
    if (!(await updateSession(ctx.deps.db, session.id, { state: 'signed', signatureBlob: blobSha256 }))) fail('LINK_INVALID');
    await ctx.events.publish({ sessionId: session.id, state: 'signed' });
    return { state: 'signed' };
  }

  // Spend the link first: a second submit of the same link must not sign twice.
  if (!(await updateSession(ctx.deps.db, session.id, { state: 'used', usedAt: new Date(), signatureBlob: blobSha256 }))) fail('LINK_INVALID');
  let version: number;
  try {
    version = await signFileAsPerson(ctx.deps, ctx.keys, ctx.tsaUrl, {
      ownerEnterpriseId: party.request.enterpriseId,
      fileId: party.request.fileId,
      person,
      png: new Uint8Array(png),
      placement: input.placement,
      userId: null,
      onVersion: (tx, v) => markPartyDone(tx, party.party.id, v, `${person.name}（${maskId(person.idNumber)}）`),
    });
  } catch (err) {
    // Nothing was stored: the verified link stays usable for another try.
    await updateSession(ctx.deps.db, session.id, { state: 'verified', usedAt: null }, false);
    throw err;
  }
  await ctx.events.publish({ sessionId: session.id, state: 'used' });
  return { state: 'done', version };
}
