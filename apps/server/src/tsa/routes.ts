// The development RFC 3161 timestamp authority at POST /api/tsa (application/timestamp-query →
// application/timestamp-reply), so PAdES B-T signing works against the hall itself. TSA
// clients send no cookies and no CSRF header: the route opts out of the CSRF check (a page
// on another site cannot send this content type without a CORS preflight, which we never grant).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { timestampResponder } from '@hall/pki';
import { fail } from '@hall/shared/errors';
import { loadTsaMaterial } from './tsa-material.ts';

const QUERY_TYPE = 'application/timestamp-query';
const REPLY_TYPE = 'application/timestamp-reply';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // Loaded on first use: under --demo, demo.json is written after the app is built.
  let respond: ((query: Uint8Array) => Promise<Uint8Array>) | undefined;
  const responder = () => {
    if (respond) return respond;
    const material = loadTsaMaterial(app.config);
    if (material) respond = timestampResponder(material);
    return respond;
  };

  app.addContentTypeParser(QUERY_TYPE, { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body));

  app.post(
    '/api/tsa',
    {
      config: { csrf: false },
      schema: { tags: ['tsa'], summary: 'RFC 3161 时间戳服务（开发与演示用）', security: [], consumes: [QUERY_TYPE], produces: [REPLY_TYPE] },
    },
    async (request, reply) => {
      const tsa = responder();
      if (!tsa) fail('UNAVAILABLE', '本系统未配置时间戳服务');
      if (!Buffer.isBuffer(request.body)) fail('UNSUPPORTED_MEDIA_TYPE');
      const answer = await tsa(new Uint8Array(request.body));
      return reply.type(REPLY_TYPE).send(Buffer.from(answer));
    },
  );
};
export default routes;
