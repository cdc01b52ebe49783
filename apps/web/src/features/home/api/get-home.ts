import type { Home } from '@hall/shared/schemas/home';
import { apiFetch } from '../../../lib/api.ts';

export type { Home, InProgressItem } from '@hall/shared/schemas/home';
export { statusColor } from '@hall/shared/schemas/applications';

export function getHome(page: number, pageSize: number, signal?: AbortSignal): Promise<Home> {
  return apiFetch<Home>('/api/home', { query: { page, pageSize }, signal });
}
