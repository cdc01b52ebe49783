import type { Lookup, Publicity } from '@hall/shared/schemas/applications';
import { apiFetch } from '../../../lib/api.ts';

export type { Lookup, Publicity } from '@hall/shared/schemas/applications';

export const lookup = (serialNo: string) => apiFetch<Lookup>(`/api/lookup/${encodeURIComponent(serialNo)}`);
export const publicity = (page: number) => apiFetch<Publicity>('/api/publicity', { query: { page, pageSize: 20 } });
