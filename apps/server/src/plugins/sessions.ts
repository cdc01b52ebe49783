// Session cookie, CSRF double-submit and the requireEnterprise guard.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HallError, fail } from '@hall/shared/errors';
import { SessionService } from '../sessions/session-service.ts';

export const SESSION_COOKIE = 'hall_session';
export const CSRF_COOKIE = 'hall_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export default fp(
  async (app) => {
    await app.register(cookie);
    const sessions = new SessionService(app.db, app.config.sessionIdleMinutes);
    const secure = app.config.cookieSecure;
    app.decorate('sessions', sessions);
    app.decorateRequest('actor', null as never);

    app.decorate('setSessionCookie', (reply: FastifyReply, token: string) => {
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    });

    // Every visitor gets a CSRF cookie on first contact; a state-changing API request must
    // echo it in a header, which a page on another origin cannot read and so cannot send.
    app.addHook('onRequest', async (request, reply) => {
      const cookieToken = request.cookies[CSRF_COOKIE];
      if (!cookieToken) {
        reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { path: '/', httpOnly: false, sameSite: 'lax', secure });
      }
      const exempt = (request.routeOptions.config as { csrf?: boolean } | undefined)?.csrf === false;
      if (STATE_CHANGING.has(request.method) && request.url.startsWith('/api/') && !exempt) {
        const header = request.headers[CSRF_HEADER];
        if (!sameToken(cookieToken, typeof header === 'string' ? header : undefined)) fail('CSRF_FAILED');
      }
    });

    app.decorate('requireEnterprise', async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const auth = await sessions.resolve(request.cookies[SESSION_COOKIE]);
        request.actor = { userId: auth.userId, enterpriseId: auth.enterpriseId };
      } catch (err) {
        if (err instanceof HallError && err.code === 'SESSION_EXPIRED') reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw err;
      }
    });
  },
  { name: 'sessions', dependencies: ['db'] },
);
