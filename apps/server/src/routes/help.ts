// 帮助中心 over HTTP: public, like the manuals it serves.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { fail } from '@hall/shared/errors';
import { HelpPage, HelpPageSummary } from '@hall/shared/schemas/help';
import { loadHelp } from '../help/help-content.ts';

const tags = ['help'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const help = await loadHelp();
  app.get('/api/help', { schema: { tags, summary: '帮助中心：操作手册目录', response: { 200: Type.Array(HelpPageSummary) } } }, () => help.list());
  app.get(
    '/api/help/:slug',
    { schema: { tags, summary: '帮助中心：一篇操作手册', params: Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]{1,60}$' }) }), response: { 200: HelpPage } } },
    (request) => help.get(request.params.slug) ?? fail('NOT_FOUND', '帮助内容不存在'),
  );
};
export default routes;
