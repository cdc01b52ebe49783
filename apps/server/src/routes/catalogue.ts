// 办事指南 over HTTP: stages with their matters, a matter's checklist (the materials in use, not
// the 停用 ones). Public (no session): the guide is published information. Start-up only fills
// in what is missing; the administrator edits the rest (routes/catalogue-admin.ts).
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { fail } from '@hall/shared/errors';
import { Catalogue, CatalogueMaterial } from '@hall/shared/schemas/applications';
import { seedCatalogue } from '../catalogue/seed-catalogue.ts';
import { checklistOf, findMatter, listMaterials, listStagesWithMatters } from '../catalogue/catalogue-repository.ts';

const tags = ['catalogue'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await seedCatalogue(app.db);

  app.get('/api/catalogue', { schema: { tags, summary: '阶段与事项', response: { 200: Catalogue } } }, () => listStagesWithMatters(app.db));

  app.get(
    '/api/catalogue/matters/:matterId/materials',
    { schema: { tags, summary: '事项的材料清单（* 为必交）', params: Type.Object({ matterId: Type.String() }), response: { 200: Type.Array(CatalogueMaterial) } } },
    async (request) => {
      if (!(await findMatter(app.db, request.params.matterId))) fail('NOT_FOUND', '事项不存在');
      return checklistOf(await listMaterials(app.db, request.params.matterId)).map((m) => ({ id: m.id, index: m.sortOrder, name: m.name, required: m.required, notes: m.notes }));
    },
  );
};
export default fp(routes, { name: 'catalogue-routes', dependencies: ['db'] });
