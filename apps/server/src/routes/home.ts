import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Home, HomeQuery } from '@hall/shared/schemas/home';
import { getHome } from '../home/get-home.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/home',
    { schema: { tags: ['home'], summary: '法人空间首页', querystring: HomeQuery, response: { 200: Home } }, preHandler: app.requireEnterprise },
    async (request) => getHome(app.deps, request.actor, request.query),
  );
};
export default routes;
