// 即将过期 / 已过期, counted in whole days of China Standard Time: a certificate valid to
// 2026-12-31 is still valid all of that day in Jingdezhen, whatever the server's zone.
import type { ExpiryState } from '@hall/shared/schemas/my-materials';

export const EXPIRING_WITHIN_DAYS = 30;

const LABELS: Record<ExpiryState, string> = { valid: '有效', expiring: '即将过期', expired: '已过期', permanent: '长期有效' };

export { chinaDate } from '../china-time.ts';

const dayNumber = (ymd: string) => Math.round(Date.parse(`${ymd}T00:00:00Z`) / 86_400_000);

export function expiryOf(validTo: string | null, today: string): { expiry: ExpiryState; expiryLabel: string; daysLeft: number | null } {
  if (!validTo) return { expiry: 'permanent', expiryLabel: LABELS.permanent, daysLeft: null };
  const daysLeft = dayNumber(validTo) - dayNumber(today);
  const expiry: ExpiryState = daysLeft < 0 ? 'expired' : daysLeft <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'valid';
  return { expiry, expiryLabel: LABELS[expiry], daysLeft };
}

/** The day `days` after `ymd` (negative for before), for tests and for the list's query bounds. */
export function addDays(ymd: string, days: number): string {
  return new Date((dayNumber(ymd) + days) * 86_400_000).toISOString().slice(0, 10);
}
