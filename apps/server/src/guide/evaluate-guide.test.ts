import { describe, expect, it } from 'vitest';
import type { GuideAnswers } from '@hall/shared/schemas/guide';
import { conditionHolds } from './evaluate-guide.ts';

const answers = (fields: Partial<GuideAnswers> = {}): GuideAnswers => ({ projectType: 'housing', investmentWan: 100, areaM2: 1000, stageId: 'sgxk', flags: [], ...fields });

describe('conditionHolds', () => {
  it('needs every criterion by default, one with mode any', () => {
    const c = { investmentOverWan: 30, areaOverM2: 300 };
    expect(conditionHolds(c, answers())).toBe(true);
    expect(conditionHolds(c, answers({ areaM2: 300 }))).toBe(false);
    expect(conditionHolds({ ...c, mode: 'any' as const }, answers({ areaM2: 300 }))).toBe(true);
    expect(conditionHolds({ ...c, mode: 'any' as const }, answers({ areaM2: 300, investmentWan: 30 }))).toBe(false);
  });
  it('matches any one listed flag, and the project type', () => {
    expect(conditionHolds({ flagsAny: ['agent', 'supervised'] }, answers({ flags: ['supervised'] }))).toBe(true);
    expect(conditionHolds({ flagsAny: ['agent'] }, answers({ flags: ['supervised'] }))).toBe(false);
    expect(conditionHolds({ projectTypes: ['commercial-housing'] }, answers({ projectType: 'commercial-housing' }))).toBe(true);
    expect(conditionHolds({ projectTypes: ['commercial-housing'] }, answers())).toBe(false);
  });
  it('holds when it names no criterion', () => {
    expect(conditionHolds({}, answers())).toBe(true);
  });
});
