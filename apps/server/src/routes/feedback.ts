// 问题反馈 over HTTP: the enterprise's side under /api/feedback, the window's under
// /api/staff/feedback behind the staff console's own session (cookie hall_staff).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { IdParams } from '@hall/shared/schemas/common';
import { AnswerBody, Feedback, FeedbackBody, FeedbackList, FeedbackQuery } from '@hall/shared/schemas/feedback';
import { answerFeedback, getOwnFeedback, listAllFeedback, listOwnFeedback, submitFeedback } from '../feedback/feedback.ts';
import { resolveStaff, type StaffActor } from '../staff/staff-accounts.ts';
import { STAFF_COOKIE } from './staff.ts';

const tags = ['feedback'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const guard = { preHandler: app.requireEnterprise };
  app.post('/api/feedback', { ...guard, schema: { tags, summary: '提交问题反馈', body: FeedbackBody, response: { 201: Feedback } } }, async (request, reply) =>
    reply.status(201).send(await submitFeedback(app.deps, request.actor, request.body)),
  );
  app.get('/api/feedback', { ...guard, schema: { tags, summary: '我的反馈（待答复 / 已答复）', querystring: FeedbackQuery, response: { 200: FeedbackList } } }, (request) =>
    listOwnFeedback(app.db, request.actor, request.query),
  );
  app.get('/api/feedback/:id', { ...guard, schema: { tags, summary: '反馈详情', params: IdParams, response: { 200: Feedback } } }, (request) =>
    getOwnFeedback(app.db, request.actor, request.params.id),
  );

  // The same staff session as the window's console (apps/server/src/staff).
  const staffOf = new WeakMap<FastifyRequest, StaffActor>();
  const staffGuard = {
    preHandler: async (request: FastifyRequest) => {
      staffOf.set(request, await resolveStaff(app.db, request.cookies[STAFF_COOKIE]));
    },
  };
  app.get('/api/staff/feedback', { ...staffGuard, schema: { tags, summary: '窗口：问题反馈列表', querystring: FeedbackQuery, response: { 200: FeedbackList } } }, (request) =>
    listAllFeedback(app.db, request.query),
  );
  app.post(
    '/api/staff/feedback/:id/answer',
    { ...staffGuard, schema: { tags, summary: '窗口：答复问题反馈', params: IdParams, body: AnswerBody, response: { 200: Feedback } } },
    (request) => answerFeedback(app.deps, staffOf.get(request)!, request.params.id, request.body.answer),
  );
};
export default routes;
