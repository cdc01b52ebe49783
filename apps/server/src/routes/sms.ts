// The SMS outbox over HTTP, for development and tests only (SMS_OUTBOX_API or --demo, outbox provider).
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { OutboxMessage } from '@hall/shared/schemas/invitations';
import { listOutbox } from '../sms/send-sms.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const enabled = app.signing.sms.name === 'outbox' && (app.config.smsOutboxApi || Boolean(app.config.demoDir));
  if (!enabled) return;
  app.get(
    '/api/dev/sms',
    {
      schema: {
        tags: ['dev'],
        summary: '短信发件箱（开发、测试用；仅发件箱模式）',
        querystring: Type.Object({ phone: Type.Optional(Type.String()) }),
        response: { 200: Type.Array(OutboxMessage) },
      },
    },
    async (request) => (await listOutbox(app.db, request.query.phone)).map((m) => ({ ...m, params: m.params as Record<string, string>, createdAt: m.createdAt.toISOString() })),
  );
};

export default fp(routes, { name: 'sms-routes', dependencies: ['db', 'signing'] });
