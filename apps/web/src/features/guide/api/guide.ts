import type { GuideAnswers, GuideQuestions, GuideResult } from '@hall/shared/schemas/guide';
import { apiFetch } from '../../../lib/api.ts';

export type { GuideAnswers, GuideQuestions, GuideResult } from '@hall/shared/schemas/guide';

export const getQuestions = (signal?: AbortSignal) => apiFetch<GuideQuestions>('/api/guide/questions', { signal });
export const answerGuide = (body: GuideAnswers) => apiFetch<GuideResult>('/api/guide/answers', { method: 'POST', body });

/** 项目申报 opened on this matter (the applications feature reads ?matterId). */
export const applyLink = (matterId: string) => `/space/apply?matterId=${encodeURIComponent(matterId)}`;
