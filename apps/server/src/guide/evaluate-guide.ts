// The questionnaire's answer, from data only: which matters apply at and after the chosen stage,
// and for each, which materials are needed. Pure: the catalogue and rules come in as arguments.
import type { GuideAnswers, GuideResult } from '@hall/shared/schemas/guide';
import type { GuideCondition } from './guide-rules-data.ts';

export interface GuideCatalogue {
  stages: { id: string; name: string; sortOrder: number }[];
  matters: { id: string; stageId: string; name: string; department: string; timeLimitDays: number; sortOrder: number }[];
  materials: { id: string; matterId: string; sortOrder: number; name: string; required: boolean; notes: string }[];
  rules: { matterId: string; materialId: string | null; condition: GuideCondition; explanation: string }[];
}

/** 并行推进: side matters that depend on the project's situation, not on its stage. */
export const PARALLEL_STAGE = 'bxtj';

export function conditionHolds(c: GuideCondition, a: GuideAnswers): boolean {
  const checks: boolean[] = [];
  if (c.projectTypes) checks.push(c.projectTypes.includes(a.projectType));
  if (c.flagsAny) checks.push(c.flagsAny.some((f) => (a.flags as string[]).includes(f)));
  if (c.investmentOverWan !== undefined) checks.push(a.investmentWan > c.investmentOverWan);
  if (c.areaOverM2 !== undefined) checks.push(a.areaM2 > c.areaOverM2);
  if (checks.length === 0) return true;
  return c.mode === 'any' ? checks.some(Boolean) : checks.every(Boolean);
}

export function evaluateGuide(catalogue: GuideCatalogue, answers: GuideAnswers): GuideResult {
  const stageOf = new Map(catalogue.stages.map((s) => [s.id, s]));
  const chosen = stageOf.get(answers.stageId)!;
  const ruleFor = (matterId: string, materialId: string | null) => catalogue.rules.find((r) => r.matterId === matterId && r.materialId === materialId);

  const matters = [...catalogue.matters]
    .sort((x, y) => stageOf.get(x.stageId)!.sortOrder - stageOf.get(y.stageId)!.sortOrder || x.sortOrder - y.sortOrder)
    .map((m) => {
      const stage = stageOf.get(m.stageId)!;
      const rule = ruleFor(m.id, null);
      let applies: boolean;
      let reason: string;
      if (m.stageId !== PARALLEL_STAGE && stage.sortOrder < chosen.sortOrder) {
        applies = false;
        reason = `项目已过“${stage.name}”阶段`;
      } else if (rule) {
        applies = conditionHolds(rule.condition, answers);
        reason = `${applies ? '需要办理' : '可不办理'}：${rule.explanation}`;
      } else if (m.stageId === PARALLEL_STAGE) {
        applies = false;
        reason = '并行推进事项，视项目需要办理';
      } else {
        applies = true;
        reason = `“${stage.name}”阶段的事项`;
      }
      const materials = applies
        ? catalogue.materials
            .filter((x) => x.matterId === m.id)
            .sort((x, y) => x.sortOrder - y.sortOrder)
            .map((x) => {
              const materialRule = ruleFor(m.id, x.id);
              const base = { id: x.id, index: x.sortOrder, name: x.name, notes: x.notes };
              if (x.required) return { ...base, need: 'required' as const, reason: '必交材料' };
              if (!materialRule) return { ...base, need: 'maybe' as const, reason: x.notes ? `视情况提供：${x.notes}` : '视情况提供' };
              const holds = conditionHolds(materialRule.condition, answers);
              return { ...base, need: holds ? ('needed' as const) : ('not-needed' as const), reason: materialRule.explanation };
            })
        : [];
      return { id: m.id, name: m.name, stageId: m.stageId, stageName: stage.name, department: m.department, timeLimitDays: m.timeLimitDays, applies, reason, materials };
    });
  return { matters };
}
