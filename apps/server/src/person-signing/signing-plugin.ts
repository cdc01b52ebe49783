// Builds the shared pieces of signing by others once: SMS provider, event CA and master key,
// identity provider, the event hub. Routes reach them as app.signing.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { loadEventCa } from './event-ca.ts';
import { loadMasterKey } from './master-key.ts';
import { smsOnlyIdentity } from './identity-provider.ts';
import { SigningEvents } from './signing-events.ts';
import type { SigningContext } from './context.ts';
import { outboxProvider, type SmsProvider } from '../sms/sms-provider.ts';
import { aliyunSmsProvider } from '../sms/aliyun-provider.ts';
import { tsaUrlFor } from '../tsa/tsa-url.ts';
import { SESSION_COOKIE } from '../plugins/sessions.ts';
import type { Actor } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    signing: SigningContext;
    /** The signed-in actor when there is a live session, else undefined (never throws). */
    optionalActor(request: FastifyRequest): Promise<Actor | undefined>;
  }
}

export default fp(
  async (app) => {
    const config = app.config;
    const sms: SmsProvider = config.aliyunSms
      ? aliyunSmsProvider({ ...config.aliyunSms, signName: config.smsSignName })
      : outboxProvider;
    let eventCa;
    try {
      eventCa = loadEventCa(config);
    } catch (err) {
      app.log.error({ err }, 'event CA for personal signatures could not be read');
    }
    const events = new SigningEvents(app.db, app.log);
    await events.listen(config.databaseUrl);
    app.addHook('onClose', () => events.close());
    app.decorate('signing', {
      deps: app.deps,
      keys: { eventCa, masterKey: loadMasterKey(config) },
      sms,
      identity: smsOnlyIdentity,
      events,
      tsaUrl: tsaUrlFor(config),
    } satisfies SigningContext);
    app.decorate('optionalActor', async (request: FastifyRequest) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) return undefined;
      try {
        const auth = await app.sessions.resolve(cookie);
        return { userId: auth.userId, enterpriseId: auth.enterpriseId };
      } catch {
        return undefined;
      }
    });
  },
  { name: 'signing', dependencies: ['db', 'sessions'] },
);
