// 在线盖章 (two-phase), 印章库 and 签章验证 over HTTP: parse, call one operation, answer.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, Ok, Uuid } from '@hall/shared/schemas/common';
import {
  FinishedSealing,
  FinishSealingBody,
  LibrarySeal,
  PreparedSealing,
  PrepareSealingBody,
  SealKind,
  VerifyResult,
} from '@hall/shared/schemas/sealing';
import { fail } from '@hall/shared/errors';
import { prepareSealing } from '../sealing/prepare-sealing.ts';
import { finishSealing } from '../sealing/finish-sealing.ts';
import { addSeal, deleteSeal, listSeals, loadSeal, MAX_SEAL_IMAGE_BYTES } from '../sealing/library/seal-library.ts';
import { verifyFileVersion, verifyUpload } from '../verification/verify-pdf.ts';
import { FixedWindowLimiter, VERIFY_RATE_LIMIT } from '../verification/rate-limit.ts';
import { TrustStore } from '../auth/trust-store.ts';
import { tsaUrlFor } from '../tsa/tsa-url.ts';

const PREPARE_BODY_LIMIT = 8 * 1024 * 1024; // seal PNGs read from the key travel in the body
const SEAL_KINDS = new Set<string>(['official', 'legal-representative', 'other']);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const guard = { preHandler: app.requireEnterprise };
  const trust = new TrustStore(app.config, app.log);
  const verifyLimiter = new FixedWindowLimiter(VERIFY_RATE_LIMIT);

  app.post(
    '/api/sealing/:fileId/prepare',
    {
      ...guard,
      bodyLimit: PREPARE_BODY_LIMIT,
      schema: {
        tags: ['sealing'],
        summary: '盖章第一步：生成待签名的新版本，返回需要 CA 锁签名的摘要',
        params: Type.Object({ fileId: Uuid }),
        body: PrepareSealingBody,
        response: { 200: PreparedSealing },
      },
    },
    (request) => prepareSealing(deps, trust, request.actor, request.params.fileId, request.body),
  );

  app.post(
    '/api/sealing/operations/:id/finish',
    {
      ...guard,
      schema: { tags: ['sealing'], summary: '盖章第二步：放入 CA 锁的签名，保存为文件的新版本', params: IdParams, body: FinishSealingBody, response: { 200: FinishedSealing } },
    },
    (request) => finishSealing(deps, tsaUrlFor(app.config), request.actor, request.params.id, request.body.signature),
  );

  app.get('/api/seals', { ...guard, schema: { tags: ['seals'], summary: '印章库', response: { 200: Type.Array(LibrarySeal) } } }, (request) =>
    listSeals(deps, request.actor),
  );

  app.post(
    '/api/seals',
    {
      ...guard,
      schema: {
        tags: ['seals'],
        summary: '上传印章（multipart：name, kind, certificateSerial, widthMm?, 图片文件 PNG/JPG）',
        consumes: ['multipart/form-data'],
        response: { 201: LibrarySeal },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) fail('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传印章图片');
      const fields: Record<string, string> = {};
      let image: Buffer | undefined;
      for await (const part of request.parts({ limits: { fileSize: MAX_SEAL_IMAGE_BYTES } })) {
        if (part.type === 'file') {
          image = await part.toBuffer();
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
      if (!image) fail('VALIDATION_FAILED', '请选择印章图片', { fields: [{ field: 'file', message: '请选择印章图片' }] });
      const kind = fields.kind ?? 'official';
      if (!SEAL_KINDS.has(kind)) fail('VALIDATION_FAILED', '印章类型不正确', { fields: [{ field: 'kind', message: '应为 official、legal-representative 或 other' }] });
      const widthMm = fields.widthMm ? Number(fields.widthMm) : undefined;
      const seal = await addSeal(deps, request.actor, {
        name: fields.name ?? '',
        kind: kind as SealKind,
        certificateSerial: fields.certificateSerial ?? '',
        widthMm,
        image,
      });
      return reply.status(201).send(seal);
    },
  );

  app.get(
    '/api/seals/:id/image',
    { ...guard, schema: { tags: ['seals'], summary: '印章图片（透明背景 PNG）', params: IdParams } },
    async (request, reply) => {
      const { png } = await loadSeal(deps, request.actor, request.params.id);
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(png);
    },
  );

  app.delete('/api/seals/:id', { ...guard, schema: { tags: ['seals'], summary: '删除印章', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await deleteSeal(deps, request.actor, request.params.id);
    return { ok: true as const };
  });

  app.post(
    '/api/verify',
    {
      schema: {
        tags: ['verify'],
        summary: '签章验证：上传 PDF（multipart），返回每个签章的验证结果（无需登录，文件不保存；每个地址每分钟 20 次，超过 429 RATE_LIMITED）',
        consumes: ['multipart/form-data'],
        response: { 200: VerifyResult },
      },
    },
    async (request, reply) => {
      const wait = verifyLimiter.take(request.ip);
      if (wait) {
        void reply.header('retry-after', String(wait));
        fail('RATE_LIMITED', '签章验证过于频繁，请稍后再试', { retryAfterSeconds: wait });
      }
      if (!request.isMultipart()) fail('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传 PDF 文件');
      for await (const part of request.parts()) {
        if (part.type === 'file') return verifyUpload(deps, trust, { filename: part.filename, stream: part.file });
      }
      fail('VALIDATION_FAILED', '请选择要验证的 PDF 文件', { fields: [{ field: 'file', message: '请选择要验证的 PDF 文件' }] });
    },
  );

  app.get(
    '/api/drive/files/:id/signatures',
    {
      ...guard,
      schema: {
        tags: ['verify'],
        summary: '云盘文件某个版本（默认当前版本）的签章验证结果',
        params: IdParams,
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 200: VerifyResult },
      },
    },
    (request) => verifyFileVersion(deps, trust, request.actor, request.params.id, request.query.version),
  );
};

export default fp(routes, { name: 'sealing', dependencies: ['db', 'blobs', 'audit', 'sessions'] });
