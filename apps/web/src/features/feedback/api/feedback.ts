import type { Feedback, FeedbackBody, FeedbackList } from '@hall/shared/schemas/feedback';
import { apiFetch } from '../../../lib/api.ts';

export type { Feedback, FeedbackBody, FeedbackList } from '@hall/shared/schemas/feedback';
export { CONTACT_PHONE_PATTERN, FEEDBACK_TYPES } from '@hall/shared/schemas/feedback';

export const listFeedback = (page: number, pageSize: number, signal?: AbortSignal) => apiFetch<FeedbackList>('/api/feedback', { query: { page, pageSize }, signal });
export const submitFeedback = (body: FeedbackBody) => apiFetch<Feedback>('/api/feedback', { method: 'POST', body });
