// The window staff console over HTTP: its own login (password + TOTP) and session cookie, the
// queue, an application with its files (and each PDF's signature report), and the actions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { and, eq, isNull } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { IdParams, Ok } from '@hall/shared/schemas/common';
import { Application, ApplicationList, QueueQuery, StaffActionBody, StaffLoginBody, StaffMe } from '@hall/shared/schemas/applications';
import { VerifyResult } from '@hall/shared/schemas/sealing';
import { applicationAttachments, fileVersions } from '../db/schema.ts';
import { logInStaff, logOutStaff, resolveStaff, type StaffActor } from '../staff/staff-accounts.ts';
import { handleApplication } from '../staff/handle-application.ts';
import { listQueue } from '../applications/list-applications.ts';
import { loadApplication } from '../applications/application-repository.ts';
import { applicationView } from '../applications/application-view.ts';
import { ensureUploadFolder } from '../applications/attach-materials.ts';
import type { Notifier } from '../applications/notify-enterprise.ts';
import { UploadSession } from '../drive/upload-files.ts';
import { findFile } from '../drive/file-repository.ts';
import { contentDisposition } from '../drive/content-disposition.ts';
import { TrustStore } from '../auth/trust-store.ts';
import { verifyFileVersion } from '../verification/verify-pdf.ts';

export const STAFF_COOKIE = 'hall_staff';
const tags = ['staff'];
const AttachmentParams = Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const staffOf = new WeakMap<FastifyRequest, StaffActor>();
  const requireStaff = async (request: FastifyRequest) => {
    staffOf.set(request, await resolveStaff(app.db, request.cookies[STAFF_COOKIE]));
  };
  const me = (request: FastifyRequest) => staffOf.get(request)!;
  const guard = { preHandler: requireStaff };
  const notifier = (): Notifier => ({ db: app.db, log: app.log, sms: app.signing?.sms, signName: app.config.smsSignName });
  const trust = new TrustStore(app.config, app.log);

  app.post('/api/staff/login', { schema: { tags, summary: '窗口人员登录（密码 + 动态口令）', body: StaffLoginBody, response: { 200: StaffMe } } }, async (request, reply) => {
    const { token, staff } = await logInStaff(app.deps, request.body);
    reply.setCookie(STAFF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: app.config.cookieSecure });
    return { id: staff.id, name: staff.name, roles: staff.roles };
  });
  app.post('/api/staff/logout', { schema: { tags, summary: '退出', response: { 200: Ok } } }, async (request, reply) => {
    await logOutStaff(app.db, request.cookies[STAFF_COOKIE]);
    reply.clearCookie(STAFF_COOKIE, { path: '/' });
    return { ok: true as const };
  });
  app.get('/api/staff/me', { ...guard, schema: { tags, summary: '当前窗口人员', response: { 200: StaffMe } } }, async (request) => {
    const s = me(request);
    return { id: s.staffId, name: s.name, roles: s.roles };
  });

  app.get('/api/staff/applications', { ...guard, schema: { tags, summary: '待办申报队列（可按补正中、逾期未补正、特别程序中、容缺待补齐、容缺待确认筛选，按补正期限排序）', querystring: QueueQuery, response: { 200: ApplicationList } } }, (request) =>
    listQueue(app.db, request.query),
  );
  app.get('/api/staff/applications/:id', { ...guard, schema: { tags, summary: '申报详情', params: IdParams, response: { 200: Application } } }, async (request) => {
    const row = await loadApplication(app.db, request.params.id, null);
    if (row.state === 'draft') fail('NOT_FOUND', '申报不存在');
    return applicationView(app.db, row);
  });

  const attachmentOf = async (applicationId: string, attachmentId: string) => {
    const row = await loadApplication(app.db, applicationId, null);
    if (row.state === 'draft') fail('NOT_FOUND');
    const [a] = await app.db
      .select({ fileId: applicationAttachments.fileId, version: applicationAttachments.version, name: fileVersions.name, mimeType: fileVersions.mimeType, size: fileVersions.size, sha256: fileVersions.blobSha256 })
      .from(applicationAttachments)
      .innerJoin(fileVersions, and(eq(fileVersions.fileId, applicationAttachments.fileId), eq(fileVersions.version, applicationAttachments.version)))
      .where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, applicationId), isNull(applicationAttachments.removedAt)));
    if (!a) fail('NOT_FOUND', '附件不存在');
    return { ...a, enterpriseId: row.enterpriseId };
  };

  app.get('/api/staff/applications/:id/attachments/:attachmentId/content', { ...guard, schema: { tags, summary: '查看材料文件', params: AttachmentParams } }, async (request, reply) => {
    const a = await attachmentOf(request.params.id, request.params.attachmentId);
    return reply
      .type(a.mimeType)
      .header('content-length', Number(a.size))
      .header('content-disposition', contentDisposition('inline', a.name))
      .header('x-content-type-options', 'nosniff')
      .send(await app.blobs.get(a.sha256));
  });

  app.get(
    '/api/staff/applications/:id/attachments/:attachmentId/signatures',
    { ...guard, schema: { tags, summary: '材料 PDF 的签章验证报告', params: AttachmentParams, response: { 200: VerifyResult } } },
    async (request) => {
      const a = await attachmentOf(request.params.id, request.params.attachmentId);
      return verifyFileVersion(app.deps, trust, { enterpriseId: a.enterpriseId, userId: '' }, a.fileId, a.version);
    },
  );

  // 办结文书: stored in the applicant's drive (folder 审批结果), so the enterprise keeps it.
  app.post(
    '/api/staff/applications/:id/decision-files',
    { ...guard, schema: { tags, summary: '上传办结文书（multipart）', consumes: ['multipart/form-data'], params: IdParams, response: { 201: Type.Object({ fileId: Type.String(), version: Type.Integer(), name: Type.String() }) } } },
    async (request, reply) => {
      if (!request.isMultipart()) fail('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
      const row = await loadApplication(app.db, request.params.id, null);
      if (row.state !== 'accepted') fail('STATE_TRANSITION_INVALID', '只有已受理的申报可以上传办结文书');
      const folderId = await ensureUploadFolder(app.db, row.enterpriseId, 'decision');
      // A staff member is not an enterprise user: the drive records no creating user for it.
      const upload = await new UploadSession(app.deps, { enterpriseId: row.enterpriseId, userId: null as unknown as string }, folderId).open();
      for await (const part of request.parts()) if (part.type === 'file') await upload.add({ filename: part.filename, stream: part.file });
      const [file] = await upload.commit();
      return reply.status(201).send({ fileId: file!.id, version: file!.version, name: file!.name });
    },
  );

  app.post('/api/staff/applications/:id/actions', { ...guard, schema: { tags, summary: '受理、不予受理、材料补全、材料补正、特别程序（开始/结束）、办结（通过/容缺通过/不通过）、确认补齐/退回补齐（容缺材料）', params: IdParams, body: StaffActionBody, response: { 200: Application } } }, async (request) => {
    const body = request.body;
    const staff = me(request);
    if (body.action === 'finish') {
      let decision;
      if (body.decisionFileId) {
        const row = await loadApplication(app.db, request.params.id, null);
        const file = await findFile(app.db, row.enterpriseId, body.decisionFileId);
        if (!file || file.deletedAt) fail('NOT_FOUND', '办结文书不存在');
        decision = { fileId: file.id, version: file.currentVersion, ownerEnterpriseId: row.enterpriseId };
      }
      const { decisionFileId: _, ...terms } = body;
      return handleApplication(app.deps, notifier(), staff, request.params.id, { ...terms, decision });
    }
    return handleApplication(app.deps, notifier(), staff, request.params.id, body);
  });
};
export default routes;
