import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Ok } from '@hall/shared/schemas/common';
import { Me } from '@hall/shared/schemas/session';
import { getMe } from '../sessions/get-me.ts';
import { SESSION_COOKIE } from '../plugins/sessions.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/me',
    { schema: { tags: ['session'], summary: '当前用户与单位信息', response: { 200: Me } }, preHandler: app.requireEnterprise },
    async (request) => getMe(app.deps, request.actor),
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['session'], summary: '退出登录', response: { 200: Ok } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      const auth = token ? await app.sessions.resolve(token).catch(() => null) : null;
      await app.sessions.destroy(token);
      if (auth) await app.audit({ action: 'session.logout', enterpriseId: auth.enterpriseId, userId: auth.userId });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
};
export default routes;
