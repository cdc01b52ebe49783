import { describe, expect, it } from 'vitest';
import { formatDate, formatSize } from './format.ts';

describe('formatSize', () => {
  it('shows KB with one decimal as the manual does', () => {
    expect(formatSize(12390)).toBe('12.1KB');
    expect(formatSize(253_645)).toBe('247.7KB');
    expect(formatSize(11_878)).toBe('11.6KB');
  });
  it('moves to MB and GB past 1024 of the smaller unit', () => {
    expect(formatSize(5 * 1024 * 1024 + 100 * 1024)).toBe('5.1MB');
    expect(formatSize(3 * 1024 ** 3)).toBe('3.0GB');
  });
  it('keeps tiny files in bytes and refuses nonsense', () => {
    expect(formatSize(0)).toBe('0B');
    expect(formatSize(512)).toBe('512B');
    expect(formatSize(-1)).toBe('-');
  });
});

describe('formatDate', () => {
  it('prints the calendar date', () => {
    expect(formatDate('2022-08-31T10:05:00')).toBe('2022-08-31');
    expect(formatDate(undefined)).toBe('-');
    expect(formatDate('not a date')).toBe('-');
  });
});
