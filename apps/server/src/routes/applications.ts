// 项目申报 over HTTP (the enterprise's side), plus the public 信息查询 and 项目公示.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { fail } from '@hall/shared/errors';
import { IdParams, Ok } from '@hall/shared/schemas/common';
import {
  Application,
  ApplicationForm,
  ApplicationList,
  AttachFromDriveBody,
  CreateApplicationBody,
  CreatedLink,
  CreateLinkBody,
  EnterpriseLink,
  LinkSummary,
  ListQuery,
  Lookup,
  Publicity,
  RevealedLink,
} from '@hall/shared/schemas/applications';
import { createApplication, getApplication, saveForm } from '../applications/create-application.ts';
import { attachFiles, attachFromDrive, ensureUploadFolder, removeAttachment } from '../applications/attach-materials.ts';
import { answerRequests, submitApplication, withdrawApplication } from '../applications/submit-application.ts';
import { submitDeferral } from '../applications/deferral.ts';
import { listEnterpriseApplications, listPublicity, lookupBySerial } from '../applications/list-applications.ts';
import { loadApplication } from '../applications/application-repository.ts';
import { openSlot } from '../applications/material-slots.ts';
import { applicationView, signatureCheck } from '../applications/application-view.ts';
import { TrustStore } from '../auth/trust-store.ts';
import { UploadSession } from '../drive/upload-files.ts';
import { createLink, listEnterpriseLinks, listLinks, revealLink, revokeLink, type LinkDeps } from '../third-party/third-party-links.ts';

const tags = ['applications'];
const MaterialParams = Type.Object({ id: Type.String({ format: 'uuid' }), materialId: Type.String() });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const guard = { preHandler: app.requireEnterprise };
  // links are kept sealed under the same master key as persons' signing keys
  const linkDeps: LinkDeps = { ...deps, masterKey: app.signing.keys.masterKey };
  const signatures = signatureCheck(deps, new TrustStore(app.config, app.log));

  app.get('/api/applications', { ...guard, schema: { tags, summary: '我的申报', querystring: ListQuery, response: { 200: ApplicationList } } }, (request) =>
    listEnterpriseApplications(app.db, request.actor.enterpriseId, { inProgressOnly: false, page: request.query.page, pageSize: request.query.pageSize }),
  );

  app.post(
    '/api/applications',
    { ...guard, schema: { tags, summary: '新建申报（暂存）', body: CreateApplicationBody, response: { 201: Application } } },
    async (request, reply) => reply.status(201).send(await createApplication(deps, request.actor, request.body)),
  );

  app.get(
    '/api/applications/:id',
    {
      ...guard,
      schema: {
        tags,
        summary: '申报详情',
        params: IdParams,
        querystring: Type.Object({ signatures: Type.Optional(Type.Boolean({ description: '同时验证每个 PDF 的签章（打印预览用；较慢）' })) }),
        response: { 200: Application },
      },
    },
    (request) => getApplication(deps, request.actor, request.params.id, request.query.signatures ? { signatures } : {}),
  );

  app.put(
    '/api/applications/:id/form',
    { ...guard, schema: { tags, summary: '暂存申报信息', params: IdParams, body: ApplicationForm, response: { 200: Application } } },
    (request) => saveForm(deps, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/applications/:id/materials/:materialId/drive-files',
    { ...guard, schema: { tags, summary: '附件上传：从我的云盘关联', params: MaterialParams, body: AttachFromDriveBody, response: { 200: Application } } },
    (request) => attachFromDrive(deps, request.actor, request.params.id, request.params.materialId, request.body.files),
  );

  app.post(
    '/api/applications/:id/materials/:materialId/files',
    { ...guard, schema: { tags, summary: '附件上传：本地上传（multipart，存入云盘“申报材料”文件夹）', consumes: ['multipart/form-data'], params: MaterialParams, response: { 200: Application } } },
    async (request) => {
      if (!request.isMultipart()) fail('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
      const { id, materialId } = request.params;
      const actor = request.actor;
      await openSlot(app.db, await loadApplication(app.db, id, actor.enterpriseId), materialId);
      const folderId = await ensureUploadFolder(app.db, actor.enterpriseId, 'upload');
      const upload = await new UploadSession(deps, actor, folderId).open();
      for await (const part of request.parts()) if (part.type === 'file') await upload.add({ filename: part.filename, stream: part.file });
      const files = await upload.commit();
      await app.db.transaction((tx) => attachFiles(tx, id, actor.enterpriseId, materialId, files.map((f) => ({ fileId: f.id, version: f.version })), { ...actor, source: 'upload' }));
      return applicationView(app.db, await loadApplication(app.db, id, actor.enterpriseId));
    },
  );

  app.delete(
    '/api/applications/:id/attachments/:attachmentId',
    { ...guard, schema: { tags, summary: '删除材料附件', params: Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) }), response: { 200: Application } } },
    (request) => removeAttachment(deps, request.actor, request.params.id, request.params.attachmentId),
  );

  app.post('/api/applications/:id/submit', { ...guard, schema: { tags, summary: '申报（提交）', params: IdParams, response: { 200: Application } } }, (request) =>
    submitApplication(deps, request.actor, request.params.id),
  );
  app.post('/api/applications/:id/answer', { ...guard, schema: { tags, summary: '提交补全/补正材料', params: IdParams, response: { 200: Application } } }, (request) =>
    answerRequests(deps, request.actor, request.params.id),
  );
  app.post(
    '/api/applications/:id/deferral',
    { ...guard, schema: { tags, summary: '提交补齐（容缺通过后补交容缺材料，待窗口确认）', params: IdParams, response: { 200: Application } } },
    (request) => submitDeferral(deps, request.actor, request.params.id),
  );
  app.post('/api/applications/:id/withdraw', { ...guard, schema: { tags, summary: '撤件', params: IdParams, response: { 200: Application } } }, (request) =>
    withdrawApplication(deps, request.actor, request.params.id),
  );

  app.post(
    '/api/applications/:id/third-party-links',
    { ...guard, schema: { tags, summary: '第三方材料上传发起', params: IdParams, body: CreateLinkBody, response: { 201: CreatedLink } } },
    async (request, reply) => reply.status(201).send(await createLink(linkDeps, request.actor, request.params.id, request.body)),
  );
  app.get('/api/applications/:id/third-party-links', { ...guard, schema: { tags, summary: '第三方材料上传链接', params: IdParams, response: { 200: Type.Array(LinkSummary) } } }, (request) =>
    listLinks(app.db, request.actor, request.params.id),
  );
  app.get('/api/third-party-links', { ...guard, schema: { tags, summary: '第三方材料上传（本单位发起的全部链接）', response: { 200: Type.Array(EnterpriseLink) } } }, (request) =>
    listEnterpriseLinks(app.db, request.actor),
  );
  app.get(
    '/api/third-party-links/:id/link',
    { ...guard, schema: { tags, summary: '第三方材料上传链接：再次查看链接和访问码（仅发起单位；已撤销、已过期的给出原因）', params: IdParams, response: { 200: RevealedLink } } },
    (request) => revealLink(linkDeps, request.actor, request.params.id),
  );
  app.delete('/api/third-party-links/:id', { ...guard, schema: { tags, summary: '撤销第三方链接', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await revokeLink(app.db, request.actor, request.params.id);
    return { ok: true as const };
  });

  app.get(
    '/api/lookup/:serialNo',
    { schema: { tags: ['public'], summary: '信息查询（按申报流水号查办理状态）', params: Type.Object({ serialNo: Type.String({ pattern: '^\\d{12,13}$' }) }), response: { 200: Lookup } } },
    async (request) => (await lookupBySerial(app.db, request.params.serialNo)) ?? fail('NOT_FOUND', '没有该申报流水号的申报'),
  );
  app.get(
    '/api/publicity',
    { schema: { tags: ['public'], summary: '项目公示（已办结通过）', querystring: Type.Object({ page: Type.Integer({ minimum: 1, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }), response: { 200: Publicity } } },
    (request) => listPublicity(app.db, request.query),
  );
};
export default routes;
