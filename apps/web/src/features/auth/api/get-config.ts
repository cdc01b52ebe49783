import type { PublicConfig } from '@hall/shared/schemas/auth';
import { apiFetch } from '../../../lib/api.ts';

export type { PublicConfig };

let cached: Promise<PublicConfig> | undefined;

/** The key agent's address and demo mode, asked once per page load. */
export function getPublicConfig(): Promise<PublicConfig> {
  cached ??= apiFetch<PublicConfig>('/api/config').catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
