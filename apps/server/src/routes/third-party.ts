// The third party's side of 第三方材料上传: the link page (who asks, for which material) and
// the upload, which needs the third party's own CA-key login. The 访问码 travels in the
// x-access-code header.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { fail } from '@hall/shared/errors';
import { LinkPage, LinkUpload } from '@hall/shared/schemas/applications';
import { describeLink, recordUpload, resolveLink } from '../third-party/third-party-links.ts';
import { attachFiles, ensureUploadFolder } from '../applications/attach-materials.ts';
import { loadApplication } from '../applications/application-repository.ts';
import { openSlot } from '../applications/material-slots.ts';
import { UploadSession } from '../drive/upload-files.ts';

const tags = ['third-party'];
const TokenParams = Type.Object({ token: Type.String() });
const code = (h: unknown) => (typeof h === 'string' && h ? h : undefined);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/third-party/:token', { schema: { tags, summary: '第三方材料上传链接页', params: TokenParams, response: { 200: LinkPage } } }, (request) =>
    describeLink(app.db, request.params.token, code(request.headers['x-access-code'])),
  );

  app.post(
    '/api/third-party/:token/files',
    { preHandler: app.requireEnterprise, schema: { tags, summary: '第三方上传材料（需 CA 锁登录；multipart）', consumes: ['multipart/form-data'], params: TokenParams, response: { 201: LinkUpload } } },
    async (request, reply) => {
      if (!request.isMultipart()) fail('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
      const link = await resolveLink(app.db, request.params.token, code(request.headers['x-access-code']));
      const owner = link.enterpriseId;
      await openSlot(app.db, await loadApplication(app.db, link.applicationId, owner), link.materialId);
      // The files belong to the applicant's drive; the uploader is the third party's user.
      const folderId = await ensureUploadFolder(app.db, owner, 'third-party');
      const upload = await new UploadSession(app.deps, { enterpriseId: owner, userId: request.actor.userId }, folderId).open();
      for await (const part of request.parts()) if (part.type === 'file') await upload.add({ filename: part.filename, stream: part.file });
      const files = await upload.commit();
      await app.db.transaction(async (tx) => {
        await attachFiles(tx, link.applicationId, owner, link.materialId, files.map((f) => ({ fileId: f.id, version: f.version })), { ...request.actor, source: 'third-party' });
        await recordUpload(tx, link.id);
      });
      await app.audit({ action: 'third_party_link.uploaded', enterpriseId: request.actor.enterpriseId, userId: request.actor.userId, targetType: 'application', targetId: link.applicationId, details: { linkId: link.id, files: files.length } });
      return reply.status(201).send({ files: files.map((f) => ({ name: f.name, size: f.size })) });
    },
  );
};
export default routes;
