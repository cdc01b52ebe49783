// 发起盖章、签名 over HTTP: the initiator's requests, and what a party's link opens (/api/invite/:token…).
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, Ok, Uuid } from '@hall/shared/schemas/common';
import { PreparedSealing, PrepareSealingBody } from '@hall/shared/schemas/sealing';
import { CreateInvitationBody, Invitation, InvitationLanding, Party, SigningLink } from '@hall/shared/schemas/invitations';
import { fail } from '@hall/shared/errors';
import { TrustStore } from '../auth/trust-store.ts';
import { createInvitation } from '../invitations/create-invitation.ts';
import { listInvitations, resendPartySms, revokeInvitation } from '../invitations/manage-invitations.ts';
import { enterprisePartyFor, openInvitation, partyByToken } from '../invitations/open-invitation.ts';
import { finishAsParty, prepareAsParty } from '../invitations/party-sealing.ts';
import { declineInvitation, startPartySigning } from '../invitations/party-person-link.ts';
import { findVersion } from '../drive/file-repository.ts';

const TokenParams = Type.Object({ token: Type.String({ maxLength: 64 }) });
const PREPARE_BODY_LIMIT = 8 * 1024 * 1024;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.signing;
  const guard = { preHandler: app.requireEnterprise };
  const trust = new TrustStore(app.config, app.log);

  app.post(
    '/api/invitations',
    { ...guard, schema: { tags: ['invitations'], summary: '发起盖章、签名：新增盖章单位和签名人，发送短信链接', body: CreateInvitationBody, response: { 201: Invitation } } },
    async (request, reply) => reply.status(201).send(await createInvitation(ctx, request.actor, request.body)),
  );

  app.get(
    '/api/invitations',
    {
      ...guard,
      schema: { tags: ['invitations'], summary: '发起的盖章、签名请求及各方状态', querystring: Type.Object({ fileId: Type.Optional(Uuid) }), response: { 200: Type.Array(Invitation) } },
    },
    (request) => listInvitations(ctx, request.actor, request.query.fileId),
  );

  app.post(
    '/api/invitations/parties/:id/resend',
    { ...guard, schema: { tags: ['invitations'], summary: '重发短信（生成新链接，旧链接失效）', params: IdParams, response: { 200: Party } } },
    (request) => resendPartySms(ctx, request.actor, request.params.id),
  );

  app.post(
    '/api/invitations/:id/revoke',
    { ...guard, schema: { tags: ['invitations'], summary: '撤销盖章、签名请求', params: IdParams, response: { 200: Ok } } },
    async (request) => {
      await revokeInvitation(ctx, request.actor, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/invite/:token',
    { schema: { tags: ['invitations'], summary: '打开盖章、签名链接', params: TokenParams, response: { 200: InvitationLanding } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return openInvitation(ctx, request.params.token, await app.optionalActor(request));
    },
  );

  app.get(
    '/api/invite/:token/content',
    { schema: { tags: ['invitations'], summary: '待盖章、签名的文件（当前版本 PDF）', params: TokenParams } },
    async (request, reply) => {
      const found = await partyByToken(ctx, request.params.token);
      if (found.party.kind === 'enterprise') {
        const actor = await app.optionalActor(request);
        if (!actor) fail('UNAUTHENTICATED', '请先使用 CA 锁登录');
        await enterprisePartyFor(ctx, request.params.token, actor);
      }
      const version = await findVersion(app.db, found.request.fileId, found.fileVersion);
      if (!version) fail('NOT_FOUND');
      return reply
        .type('application/pdf')
        .header('cache-control', 'private, no-store')
        .header('x-file-version', String(version.version))
        .send(await app.blobs.get(version.blobSha256));
    },
  );

  app.post(
    '/api/invite/:token/prepare',
    { ...guard, bodyLimit: PREPARE_BODY_LIMIT, schema: { tags: ['invitations'], summary: '受邀单位盖章第一步', params: TokenParams, body: PrepareSealingBody, response: { 200: PreparedSealing } } },
    (request) => prepareAsParty(ctx, trust, request.params.token, request.actor, request.body),
  );

  app.post(
    '/api/invite/:token/finish',
    {
      ...guard,
      schema: {
        tags: ['invitations'],
        summary: '受邀单位盖章第二步',
        params: TokenParams,
        body: Type.Object({ operationId: Uuid, signature: Type.String({ maxLength: 8192, description: 'CA 锁对摘要的签名，Base64' }) }),
        response: { 200: Type.Object({ version: Type.Integer() }) },
      },
    },
    (request) => finishAsParty(ctx, request.params.token, request.actor, request.body.operationId, request.body.signature),
  );

  app.post(
    '/api/invite/:token/person-link',
    { schema: { tags: ['invitations'], summary: '签名人：生成一次性签名链接（本机签名或手机扫码）', params: TokenParams, response: { 201: SigningLink } } },
    async (request, reply) => reply.status(201).send(await startPartySigning(ctx, request.params.token)),
  );

  app.post(
    '/api/invite/:token/decline',
    { schema: { tags: ['invitations'], summary: '拒绝盖章、签名', params: TokenParams, response: { 200: Ok } } },
    async (request) => {
      await declineInvitation(ctx, request.params.token);
      return { ok: true as const };
    },
  );
};

export default fp(routes, { name: 'invitation-routes', dependencies: ['db', 'blobs', 'audit', 'sessions', 'signing'] });
