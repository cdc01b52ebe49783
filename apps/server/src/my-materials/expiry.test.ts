import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, expiryOf } from './expiry.ts';

describe('expiryOf', () => {
  const today = '2026-12-04';
  it('counts whole days: the last valid day is still valid, the next is 已过期', () => {
    expect(expiryOf('2026-12-04', today)).toEqual({ expiry: 'expiring', expiryLabel: '即将过期', daysLeft: 0 });
    expect(expiryOf('2026-12-03', today)).toEqual({ expiry: 'expired', expiryLabel: '已过期', daysLeft: -1 });
  });
  it('warns within 30 days, not on day 31', () => {
    expect(expiryOf(addDays(today, 30), today).expiry).toBe('expiring');
    expect(expiryOf(addDays(today, 31), today)).toEqual({ expiry: 'valid', expiryLabel: '有效', daysLeft: 31 });
  });
  it('has no end for 长期有效', () => {
    expect(expiryOf(null, today)).toEqual({ expiry: 'permanent', expiryLabel: '长期有效', daysLeft: null });
  });
});

describe('chinaDate', () => {
  it('is the date in Beijing time', () => {
    expect(chinaDate(new Date('2026-12-04T15:59:59Z'))).toBe('2026-12-04');
    expect(chinaDate(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
  });
  it('addDays crosses months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });
});
