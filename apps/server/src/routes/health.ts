import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health } from '@hall/shared/schemas/health';
import { checkHealth } from '../health/check-health.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: '健康检查', response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const health = await checkHealth(app.deps);
      return reply.status(health.status === 'ok' ? 200 : 503).send(health);
    },
  );
};
export default routes;
