// 智能引导 over HTTP: public, like the catalogue it reads.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GuideAnswers, GuideQuestions, GuideResult } from '@hall/shared/schemas/guide';
import { answerGuide, guideQuestions, seedGuide } from '../guide/guide-service.ts';

const tags = ['guide'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await seedGuide(app.db);
  app.get('/api/guide/questions', { schema: { tags, summary: '智能引导：问题与选项', response: { 200: GuideQuestions } } }, () => guideQuestions(app.db));
  app.post('/api/guide/answers', { schema: { tags, summary: '智能引导：按回答给出需办事项和所需材料', body: GuideAnswers, response: { 200: GuideResult } } }, (request) =>
    answerGuide(app.db, request.body),
  );
};
// The rules refer to catalogue rows: the catalogue is seeded first.
export default fp(routes, { name: 'guide-routes', dependencies: ['catalogue-routes'] });
