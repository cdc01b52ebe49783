// 发起盖章、签名: the initiator names the parties; each gets its own link and an SMS in the
// manual's wording. The links are shown once, to be copied; only their hashes are kept.
import { eq, sql } from 'drizzle-orm';
import { isValidCreditCode, isValidIdNumber, isValidMobile } from '@hall/shared/identifiers';
import { fail } from '@hall/shared/errors';
import type { Actor } from '../types.ts';
import { findFile, findVersion } from '../drive/file-repository.ts';
import { signingParties, signingRequests } from '../db/schema.ts';
import type { SigningContext } from '../person-signing/context.ts';
import { sendSms } from '../sms/send-sms.ts';
import { renderSms } from '../sms/templates.ts';
import { newLinkToken } from './link-token.ts';
import { toPartyView, type PartyView } from './party-view.ts';
import type { PartyRow, RequestRow } from './invitation-repository.ts';

export type NewParty =
  | { kind: 'enterprise'; unitName: string; creditCode: string; contactName: string; phone: string }
  | { kind: 'person'; name: string; idNumber: string; phone: string };

export interface CreateInvitationInput {
  fileId: string;
  projectName: string;
  parties: NewParty[];
}

export interface InvitationView {
  id: string;
  fileId: string;
  fileName?: string;
  projectName: string;
  createdAt: string;
  revoked: boolean;
  parties: PartyView[];
}

export const MAX_PARTIES = 20;

export function invitationLink(publicOrigin: string, token: string): string {
  return `${publicOrigin}/invite/${token}`;
}

function checkParties(parties: NewParty[]): NewParty[] {
  const fields: { field: string; message: string }[] = [];
  const clean = parties.map((p, i): NewParty => {
    const at = (f: string) => `parties[${i}].${f}`;
    if (!isValidMobile(p.phone.trim())) fields.push({ field: at('phone'), message: '请输入正确的手机号码' });
    if (p.kind === 'enterprise') {
      const creditCode = p.creditCode.trim().toUpperCase();
      if (!p.unitName.trim()) fields.push({ field: at('unitName'), message: '请输入单位名称' });
      if (!isValidCreditCode(creditCode)) fields.push({ field: at('creditCode'), message: '统一社会信用代码不正确（请核对校验位）' });
      if (!p.contactName.trim()) fields.push({ field: at('contactName'), message: '请输入联系人' });
      return { kind: 'enterprise', unitName: p.unitName.trim(), creditCode, contactName: p.contactName.trim(), phone: p.phone.trim() };
    }
    const idNumber = p.idNumber.trim().toUpperCase();
    if (!/^[\u4e00-\u9fa5·]{2,20}$/.test(p.name.trim())) fields.push({ field: at('name'), message: '请输入真实姓名' });
    if (!isValidIdNumber(idNumber)) fields.push({ field: at('idNumber'), message: '身份证号码不正确（请核对校验位）' });
    return { kind: 'person', name: p.name.trim(), idNumber, phone: p.phone.trim() };
  });
  if (!parties.length) fields.push({ field: 'parties', message: '请至少新增一个盖章或签名方' });
  if (parties.length > MAX_PARTIES) fields.push({ field: 'parties', message: `一次最多 ${MAX_PARTIES} 个` });
  if (fields.length) fail('VALIDATION_FAILED', undefined, { fields });
  return clean;
}

/** Sends a party its link; the SMS names the project, as the manual shows. */
export async function sendPartySms(ctx: SigningContext, party: Pick<PartyRow, 'kind' | 'phone' | 'id'>, projectName: string, link: string): Promise<void> {
  const template = party.kind === 'enterprise' ? 'seal-request' : 'sign-request';
  await sendSms(ctx.deps, ctx.sms, renderSms(ctx.deps.config.smsSignName, party.phone, template, { project: projectName, url: link }));
  await ctx.deps.db.update(signingParties).set({ smsCount: sql`${signingParties.smsCount} + 1`, smsSentAt: new Date() }).where(eq(signingParties.id, party.id));
}

export async function createInvitation(ctx: SigningContext, actor: Actor, input: CreateInvitationInput): Promise<InvitationView> {
  const parties = checkParties(input.parties);
  const projectName = input.projectName.trim();
  if (!projectName) fail('VALIDATION_FAILED', undefined, { fields: [{ field: 'projectName', message: '请输入项目名称' }] });
  const file = await findFile(ctx.deps.db, actor.enterpriseId, input.fileId);
  if (!file || file.deletedAt) fail('NOT_FOUND');
  const version = await findVersion(ctx.deps.db, file.id, file.currentVersion);
  if (version?.kind !== 'pdf') fail('PDF_UNREADABLE', '只有 PDF 文件可以发起盖章、签名，请先转换为 PDF');
  const expiresAt = new Date(Date.now() + ctx.deps.config.invitationLinkMs);

  const { request, created } = await ctx.deps.db.transaction(async (tx) => {
    const [request] = await tx.insert(signingRequests).values({ enterpriseId: actor.enterpriseId, userId: actor.userId, fileId: file.id, projectName }).returning();
    const created: { row: PartyRow; link: string }[] = [];
    const now = Date.now();
    for (const [i, p] of parties.entries()) {
      const { token, hash } = newLinkToken();
      const [row] = await tx
        .insert(signingParties)
        .values({
          requestId: request!.id,
          kind: p.kind,
          phone: p.phone,
          linkHash: hash,
          expiresAt,
          // the parties are listed in the order they were added
          createdAt: new Date(now + i),
          ...(p.kind === 'enterprise' ? { unitName: p.unitName, creditCode: p.creditCode, contactName: p.contactName } : { personName: p.name, idNumber: p.idNumber }),
        })
        .returning();
      created.push({ row: row!, link: invitationLink(ctx.deps.config.publicOrigin, token) });
    }
    await ctx.deps.audit(
      { action: 'invite', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'file', targetId: file.id, details: { requestId: request!.id, parties: created.map((c) => ({ id: c.row.id, kind: c.row.kind })) } },
      tx,
    );
    return { request: request as RequestRow, created };
  });

  // The links are already valid; an SMS that fails is reported on the party (resend later).
  for (const c of created) {
    try {
      await sendPartySms(ctx, c.row, projectName, c.link);
      c.row.smsCount += 1;
    } catch (err) {
      ctx.deps.log.warn({ err, partyId: c.row.id }, 'invitation SMS not sent');
    }
  }
  return {
    id: request.id,
    fileId: file.id,
    fileName: version.name,
    projectName,
    createdAt: request.createdAt.toISOString(),
    revoked: false,
    parties: created.map((c) => toPartyView(c.row, request, c.link)),
  };
}
