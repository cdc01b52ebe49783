// 我的材料 over HTTP.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Ok } from '@hall/shared/schemas/common';
import { Application } from '@hall/shared/schemas/applications';
import { AttachUnitMaterialBody, UnitMaterial, UnitMaterialBody, UnitMaterialList } from '@hall/shared/schemas/my-materials';
import { createUnitMaterial, deleteUnitMaterial, getUnitMaterial, listUnitMaterials, updateUnitMaterial } from '../my-materials/unit-materials.ts';
import { attachUnitMaterial } from '../my-materials/attach-to-application.ts';

const tags = ['my-materials'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const guard = { preHandler: app.requireEnterprise };
  app.get('/api/my-materials', { ...guard, schema: { tags, summary: '我的材料（含即将过期、已过期提醒）', response: { 200: UnitMaterialList } } }, (request) =>
    listUnitMaterials(app.db, request.actor),
  );
  app.post('/api/my-materials', { ...guard, schema: { tags, summary: '新增材料', body: UnitMaterialBody, response: { 201: UnitMaterial } } }, async (request, reply) =>
    reply.status(201).send(await createUnitMaterial(app.deps, request.actor, request.body)),
  );
  app.get('/api/my-materials/:id', { ...guard, schema: { tags, summary: '材料详情', params: IdParams, response: { 200: UnitMaterial } } }, (request) =>
    getUnitMaterial(app.db, request.actor, request.params.id),
  );
  app.put('/api/my-materials/:id', { ...guard, schema: { tags, summary: '修改材料', params: IdParams, body: UnitMaterialBody, response: { 200: UnitMaterial } } }, (request) =>
    updateUnitMaterial(app.deps, request.actor, request.params.id, request.body),
  );
  app.delete('/api/my-materials/:id', { ...guard, schema: { tags, summary: '删除材料', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await deleteUnitMaterial(app.deps, request.actor, request.params.id);
    return { ok: true as const };
  });
  app.post(
    '/api/my-materials/:id/attach',
    { ...guard, schema: { tags, summary: '把材料的文件关联到申报的材料项', params: IdParams, body: AttachUnitMaterialBody, response: { 200: Application } } },
    (request) => attachUnitMaterial(app.deps, request.actor, request.params.id, request.body.applicationId, request.body.materialId),
  );
};
export default routes;
