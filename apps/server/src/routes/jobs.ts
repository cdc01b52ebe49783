import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '@hall/shared/schemas/common';
import { Job } from '@hall/shared/schemas/jobs';
import { getJob } from '../jobs/get-job.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/jobs/:id',
    { schema: { tags: ['jobs'], summary: '后台任务状态', params: IdParams, response: { 200: Job } }, preHandler: app.requireEnterprise },
    async (request) => getJob(app.deps, request.actor, request.params.id),
  );
};
export default routes;
