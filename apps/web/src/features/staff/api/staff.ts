import type { Application, ApplicationList, QueueQuery, StaffActionBody, StaffMe } from '@hall/shared/schemas/applications';
import type { Feedback, FeedbackList } from '@hall/shared/schemas/feedback';
import { apiFetch } from '../../../lib/api.ts';

export type { Application, ApplicationList, QueueQuery, StaffActionBody, StaffMe } from '@hall/shared/schemas/applications';
export type { Feedback, FeedbackList } from '@hall/shared/schemas/feedback';
export { DEFAULT_CORRECTION_DAYS, DEFERRAL_STATUS_COLORS, OUTCOME_LABELS, SPECIAL_PROCEDURE_KINDS, statusColor } from '@hall/shared/schemas/applications';

export const staffMe = () => apiFetch<StaffMe>('/api/staff/me');
export const staffLogin = (body: { username: string; password: string; code: string }) => apiFetch<StaffMe>('/api/staff/login', { method: 'POST', body });
export const staffLogout = () => apiFetch<{ ok: true }>('/api/staff/logout', { method: 'POST' });
export const queue = (q: Omit<QueueQuery, 'pageSize'>) => apiFetch<ApplicationList>('/api/staff/applications', { query: { ...q, pageSize: 20 } });
export const staffApplication = (id: string) => apiFetch<Application>(`/api/staff/applications/${encodeURIComponent(id)}`);
export const act = (id: string, body: StaffActionBody) => apiFetch<Application>(`/api/staff/applications/${encodeURIComponent(id)}/actions`, { method: 'POST', body });
export const attachmentUrl = (id: string, attachmentId: string) => `/api/staff/applications/${encodeURIComponent(id)}/attachments/${attachmentId}/content`;
export const signaturesUrl = (id: string, attachmentId: string) => `/api/staff/applications/${encodeURIComponent(id)}/attachments/${attachmentId}/signatures`;
export function uploadDecision(id: string, file: File) {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiFetch<{ fileId: string; version: number; name: string }>(`/api/staff/applications/${encodeURIComponent(id)}/decision-files`, { method: 'POST', body });
}
export const signatureReport = (id: string, attachmentId: string) =>
  apiFetch<{ ok: boolean; signatures: { summary: string; valid: boolean }[] }>(signaturesUrl(id, attachmentId));

// 问题反馈 (the window answers once)
export const staffFeedback = (status: 'pending' | 'answered' | undefined, page: number) => apiFetch<FeedbackList>('/api/staff/feedback', { query: { status, page, pageSize: 20 } });
export const answerFeedback = (id: string, answer: string) => apiFetch<Feedback>(`/api/staff/feedback/${encodeURIComponent(id)}/answer`, { method: 'POST', body: { answer } });
