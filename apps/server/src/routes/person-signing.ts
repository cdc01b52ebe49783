// 扫码签名 over HTTP: the desktop's QR session (with its event stream) and the phone's one-time
// link (/api/m/:token…, no login: the link and the SMS code are the proof).
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams } from '@hall/shared/schemas/common';
import {
  ApplyQrSignatureBody,
  MobileCodeBody,
  MobileSignatureBody,
  MobileSignatureResult,
  MobileVerifyBody,
  MobileView,
  QrSession,
  QrSessionStatus,
} from '@hall/shared/schemas/invitations';
import { applyQrSignature, createQrSession, ownQrSession, qrSignatureImage, qrStatus } from '../person-signing/qr-signing.ts';
import { openMobileLink, requestMobileCode, submitMobileSignature, verifyMobileCode } from '../person-signing/mobile-signing.ts';
import { findSession } from '../person-signing/person-repository.ts';

const TokenParams = Type.Object({ token: Type.String({ maxLength: 64 }) });
const SIGNATURE_BODY_LIMIT = 2 * 1024 * 1024;
const HEARTBEAT_MS = 25_000;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.signing;
  const guard = { preHandler: app.requireEnterprise };
  // Open event streams end when the server closes, so that closing does not wait on them.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.post(
    '/api/person-signing/sessions',
    { ...guard, schema: { tags: ['person-signing'], summary: '扫码签名：生成一次性签名链接（二维码）', response: { 201: QrSession } } },
    async (request, reply) => reply.status(201).send(await createQrSession(ctx, request.actor)),
  );

  app.get(
    '/api/person-signing/sessions/:id',
    { ...guard, schema: { tags: ['person-signing'], summary: '扫码签名状态', params: IdParams, response: { 200: QrSessionStatus } } },
    async (request) => qrStatus(await ownQrSession(ctx, request.actor, request.params.id)),
  );

  // Server-sent events: the current state at once, then each change, until the page leaves.
  app.get(
    '/api/person-signing/sessions/:id/events',
    { ...guard, schema: { tags: ['person-signing'], summary: '扫码签名状态推送（text/event-stream）', params: IdParams } },
    async (request, reply) => {
      const session = await ownQrSession(ctx, request.actor, request.params.id);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const send = (data: unknown) => res.write(`event: state\ndata: ${JSON.stringify(data)}\n\n`);
      let last = '';
      const push = async () => {
        const row = await findSession(app.db, session.id);
        if (!row) return;
        const status = qrStatus(row);
        const key = JSON.stringify(status);
        if (key !== last) {
          last = key;
          send(status);
        }
      };
      const unsubscribe = ctx.events.subscribe(session.id, () => void push().catch((err: unknown) => request.log.warn({ err }, 'signing event')));
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const stop = () => {
        unsubscribe();
        clearInterval(heartbeat);
      };
      const end = () => {
        stop();
        res.end();
      };
      open.add(end);
      res.on('close', () => {
        stop();
        open.delete(end);
      });
      await push();
    },
  );

  app.get(
    '/api/person-signing/sessions/:id/signature',
    { ...guard, schema: { tags: ['person-signing'], summary: '手机上手写的签名图片（PNG）', params: IdParams } },
    async (request, reply) => reply.type('image/png').header('cache-control', 'private, no-store').send(await qrSignatureImage(ctx, request.actor, request.params.id)),
  );

  app.post(
    '/api/person-signing/sessions/:id/apply',
    {
      ...guard,
      schema: {
        tags: ['person-signing'],
        summary: '把手机签名放到文件上（以签名人的事件证书签署，保存为新版本）',
        params: IdParams,
        body: ApplyQrSignatureBody,
        response: { 200: Type.Object({ version: Type.Integer() }) },
      },
    },
    async (request) => {
      const { fileId, version: _seen, ...placement } = request.body;
      return applyQrSignature(ctx, request.actor, request.params.id, fileId, placement);
    },
  );

  app.get(
    '/api/m/:token',
    { schema: { tags: ['person-signing'], summary: '打开签名链接（手机）', params: TokenParams, response: { 200: MobileView } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return openMobileLink(ctx, request.params.token);
    },
  );

  app.post(
    '/api/m/:token/code',
    {
      schema: {
        tags: ['person-signing'],
        summary: '身份验证：姓名、身份证号、手机号码，发送短信验证码',
        params: TokenParams,
        body: MobileCodeBody,
        response: { 200: Type.Object({ expiresAt: Type.String(), phoneMasked: Type.String() }) },
      },
    },
    (request) => requestMobileCode(ctx, request.params.token, request.body, request.ip),
  );

  app.post(
    '/api/m/:token/verify',
    { schema: { tags: ['person-signing'], summary: '身份验证：核对短信验证码', params: TokenParams, body: MobileVerifyBody, response: { 200: MobileView } } },
    (request) => verifyMobileCode(ctx, request.params.token, request.body.code),
  );

  app.post(
    '/api/m/:token/signature',
    {
      bodyLimit: SIGNATURE_BODY_LIMIT,
      schema: { tags: ['person-signing'], summary: '提交手写签名', params: TokenParams, body: MobileSignatureBody, response: { 200: MobileSignatureResult } },
    },
    (request) => submitMobileSignature(ctx, request.params.token, request.body),
  );
};

export default fp(routes, { name: 'person-signing-routes', dependencies: ['db', 'blobs', 'audit', 'sessions', 'signing'] });
