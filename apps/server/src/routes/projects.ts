// 我的项目 / 快速登记 / 自动赋码 over HTTP.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CreateProjectBody, Project } from '@hall/shared/schemas/applications';
import { createProject, listProjects } from '../projects/projects.ts';

const tags = ['projects'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const guard = { preHandler: app.requireEnterprise };
  app.get('/api/projects', { ...guard, schema: { tags, summary: '我的项目', response: { 200: Type.Array(Project) } } }, (request) => listProjects(app.db, request.actor));
  app.post(
    '/api/projects',
    { ...guard, schema: { tags, summary: '快速登记（不填投资项目代码则自动赋码）', body: CreateProjectBody, response: { 201: Project } } },
    async (request, reply) => reply.status(201).send(await createProject(app.deps, request.actor, request.body)),
  );
};
export default routes;
