// 智能引导: seeds its rules beside the catalogue and answers the questionnaire from the tables.
import { asc, eq, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { GUIDE_FLAGS, GUIDE_PROJECT_TYPES, type GuideAnswers, type GuideQuestions } from '@hall/shared/schemas/guide';
import type { Db, DbOrTx } from '../db/client.ts';
import { catalogueMaterials, catalogueMatters, catalogueStages, guideRules } from '../db/schema.ts';
import { evaluateGuide, PARALLEL_STAGE } from './evaluate-guide.ts';
import { seedGuideRules, type GuideCondition } from './guide-rules-data.ts';

/** Upserts by id (the rules are code, unlike the catalogue the administrator edits): harmless on every start and from many instances. */
export async function seedGuide(db: Db): Promise<void> {
  await db
    .insert(guideRules)
    .values(seedGuideRules.map(({ nameIncludes: _nameIncludes, ...rule }) => rule))
    .onConflictDoUpdate({
      target: guideRules.id,
      set: { matterId: sql`excluded.matter_id`, materialId: sql`excluded.material_id`, condition: sql`excluded.condition`, explanation: sql`excluded.explanation` },
    });
}

export async function guideQuestions(db: DbOrTx): Promise<GuideQuestions> {
  const stages = await db.select().from(catalogueStages).orderBy(asc(catalogueStages.sortOrder));
  return {
    projectTypes: Object.entries(GUIDE_PROJECT_TYPES).map(([value, label]) => ({ value, label })),
    stages: stages.filter((s) => s.id !== PARALLEL_STAGE).map((s) => ({ value: s.id, label: s.name })),
    flags: Object.entries(GUIDE_FLAGS).map(([value, label]) => ({ value, label })),
  };
}

export async function answerGuide(db: DbOrTx, answers: GuideAnswers) {
  const stages = await db.select().from(catalogueStages);
  if (answers.stageId === PARALLEL_STAGE || !stages.some((s) => s.id === answers.stageId)) {
    fail('VALIDATION_FAILED', '请选择项目所处阶段', { fields: [{ field: 'stageId', message: '请选择项目所处阶段' }] });
  }
  // 停用 materials are no longer suggested
  const [matters, materials, rules] = await Promise.all([db.select().from(catalogueMatters), db.select().from(catalogueMaterials).where(eq(catalogueMaterials.active, true)), db.select().from(guideRules)]);
  return evaluateGuide({ stages, matters, materials, rules: rules.map((r) => ({ ...r, condition: r.condition as GuideCondition })) }, answers);
}
