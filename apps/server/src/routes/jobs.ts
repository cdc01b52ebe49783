import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '@hall/shared/schemas/common';
import { Job } from '@hall/shared/schemas/jobs';
import { getJob } from '../jobs/get-job.ts';
import { watchJob } from '../jobs/watch-job.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/jobs/:id',
    { schema: { tags: ['jobs'], summary: '后台任务状态', params: IdParams, response: { 200: Job } }, preHandler: app.requireEnterprise },
    async (request) => getJob(app.deps, request.actor, request.params.id),
  );

  // Server-sent events: one `job` event per change of state or progress, closed when the job
  // ends. The first read happens before the stream opens, so a foreign id is a plain 404.
  app.get(
    '/api/jobs/:id/events',
    {
      schema: { tags: ['jobs'], summary: '后台任务进度（server-sent events）', params: IdParams, produces: ['text/event-stream'] },
      preHandler: app.requireEnterprise,
    },
    async (request, reply) => {
      await getJob(app.deps, request.actor, request.params.id);
      const abort = new AbortController();
      request.raw.on('close', () => abort.abort());
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': request.id });
      try {
        for await (const job of watchJob(app.deps, request.actor, request.params.id, abort.signal)) {
          raw.write(`event: job\ndata: ${JSON.stringify(job)}\n\n`);
        }
      } catch (err) {
        request.log.warn({ err }, 'job event stream ended');
      } finally {
        raw.end();
      }
    },
  );
};
export default routes;
