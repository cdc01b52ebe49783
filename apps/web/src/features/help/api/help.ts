import type { HelpPage, HelpPageSummary } from '@hall/shared/schemas/help';
import { apiFetch } from '../../../lib/api.ts';

export type { HelpPage, HelpPageSummary } from '@hall/shared/schemas/help';

export const listHelp = (signal?: AbortSignal) => apiFetch<HelpPageSummary[]>('/api/help', { signal });
export const getHelp = (slug: string, signal?: AbortSignal) => apiFetch<HelpPage>(`/api/help/${encodeURIComponent(slug)}`, { signal });
