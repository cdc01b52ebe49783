// CA-key login: the page's settings, the one-time challenge, the login itself, and the
// first-login unit-info form. Thin: each route hands plain values to one service.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Challenge, LoginBody, LoginResult, ProfileBody, PublicConfig } from '@hall/shared/schemas/auth';
import { Enterprise } from '@hall/shared/schemas/session';
import { createChallenge } from '../auth/create-challenge.ts';
import { KEY_AGENT_ARCHIVE_NAME, keyAgentArchive } from '../auth/key-agent-archive.ts';
import { keyAgentCommand } from '../auth/key-agent-command.ts';
import { logInWithKey } from '../auth/log-in-with-key.ts';
import { TrustStore } from '../auth/trust-store.ts';
import { updateProfile } from '../auth/update-profile.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../plugins/sessions.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const trust = new TrustStore(app.config, app.log);

  app.get(
    '/api/config',
    { schema: { tags: ['session'], summary: '登录页所需的设置（本机 CA 锁服务地址等）', security: [], response: { 200: PublicConfig } } },
    async () => ({
      keyAgentUrl: app.config.keyAgentUrl,
      demo: Boolean(app.config.demoDir),
      keyAgentCommand: keyAgentCommand(app.config),
    }),
  );

  app.get(
    '/api/key-agent/download',
    { schema: { tags: ['session'], summary: '下载签章软件控件 key-agent（源码 .tar.gz，含一行启动命令的 README）', security: [] } },
    async (_request, reply) => {
      const ascii = KEY_AGENT_ARCHIVE_NAME;
      reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent('签章软件控件-' + ascii)}`)
        .header('cache-control', 'no-store');
      return reply.send(keyAgentArchive(app.config.publicOrigin, keyAgentCommand(app.config)));
    },
  );

  app.post(
    '/api/auth/challenge',
    { schema: { tags: ['session'], summary: 'CA 锁登录：取一次性登录挑战', response: { 200: Challenge } } },
    async (request) => createChallenge(app.deps, request.headers.origin),
  );

  app.post(
    '/api/auth/login',
    { schema: { tags: ['session'], summary: 'CA 锁登录：提交证书与签名', body: LoginBody, response: { 200: LoginResult } } },
    async (request, reply) => {
      const login = await logInWithKey(app.deps, trust, request.body, request.headers.origin);
      // A session this browser held before (another unit's key, say) ends here.
      await app.sessions.destroy(request.cookies[SESSION_COOKIE]);
      const session = await app.sessions.createSessionFor(login.user.id);
      app.setSessionCookie(reply, session.token);
      // A new CSRF token with the new session: one planted before login is worth nothing after.
      reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { path: '/', httpOnly: false, sameSite: 'lax', secure: app.config.cookieSecure });
      return login;
    },
  );

  app.put(
    '/api/enterprise/profile',
    {
      schema: { tags: ['session'], summary: '填写或修改单位信息（第一次登录时）', body: ProfileBody, response: { 200: Enterprise } },
      preHandler: app.requireEnterprise,
    },
    async (request) => updateProfile(app.deps, request.actor, request.body),
  );
};
export default routes;
