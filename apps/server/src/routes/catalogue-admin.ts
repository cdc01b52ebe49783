// 事项目录 over HTTP for the catalogue administrator: the staff session (cookie hall_staff) and
// the 'admin' role; other staff get 403 FORBIDDEN. What it changes is what the hall shows next.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AddMaterialBody, AdminCatalogue, AdminMatter, EditMaterialBody, EditMatterBody, MaterialParams, MatterParams } from '@hall/shared/schemas/catalogue-admin';
import { resolveStaff, type StaffActor } from '../staff/staff-accounts.ts';
import { addMaterial, adminCatalogue, assertCatalogueAdmin, editMaterial, editMatter, setMaterialActive } from '../catalogue/edit-catalogue.ts';
import { STAFF_COOKIE } from './staff.ts';

const tags = ['catalogue-admin'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const staffOf = new WeakMap<FastifyRequest, StaffActor>();
  const guard = {
    preHandler: async (request: FastifyRequest) => {
      const staff = await resolveStaff(app.db, request.cookies[STAFF_COOKIE]);
      assertCatalogueAdmin(staff);
      staffOf.set(request, staff);
    },
  };
  const me = (request: FastifyRequest) => staffOf.get(request)!;

  app.get('/api/staff/catalogue', { ...guard, schema: { tags, summary: '事项目录：阶段、事项与材料清单（含已停用的材料）', response: { 200: AdminCatalogue } } }, () => adminCatalogue(app.db));

  app.patch(
    '/api/staff/catalogue/matters/:matterId',
    { ...guard, schema: { tags, summary: '编辑事项（名称、实施部门、办结时限）', params: MatterParams, body: EditMatterBody, response: { 200: AdminMatter } } },
    (request) => editMatter(app.deps, me(request), request.params.matterId, request.body),
  );
  app.post(
    '/api/staff/catalogue/matters/:matterId/materials',
    { ...guard, schema: { tags, summary: '新增材料', params: MatterParams, body: AddMaterialBody, response: { 201: AdminMatter } } },
    async (request, reply) => reply.status(201).send(await addMaterial(app.deps, me(request), request.params.matterId, request.body)),
  );
  app.patch(
    '/api/staff/catalogue/materials/:materialId',
    { ...guard, schema: { tags, summary: '编辑材料（名称、必要、情形说明、序号）', params: MaterialParams, body: EditMaterialBody, response: { 200: AdminMatter } } },
    (request) => editMaterial(app.deps, me(request), request.params.materialId, request.body),
  );
  app.post(
    '/api/staff/catalogue/materials/:materialId/disable',
    { ...guard, schema: { tags, summary: '停用材料（新申报的清单与智能引导不再列出；已上传该材料的申报照常显示）', params: MaterialParams, response: { 200: AdminMatter } } },
    (request) => setMaterialActive(app.deps, me(request), request.params.materialId, false),
  );
  app.post(
    '/api/staff/catalogue/materials/:materialId/enable',
    { ...guard, schema: { tags, summary: '启用材料', params: MaterialParams, response: { 200: AdminMatter } } },
    (request) => setMaterialActive(app.deps, me(request), request.params.materialId, true),
  );
};
export default fp(routes, { name: 'catalogue-admin-routes', dependencies: ['db', 'catalogue-routes'] });
