// Sizes and dates as the manual shows them: "12.1KB", "247.7KB", "2022-08-31".
import dayjs from 'dayjs';

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '-';
  if (bytes < 1024) return `${bytes}B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)}${UNITS[unit]}`;
}

export function formatDate(value: string | number | Date | undefined | null): string {
  if (value === undefined || value === null) return '-';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : '-';
}

export function formatDateTime(value: string | number | Date | undefined | null): string {
  if (value === undefined || value === null) return '-';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : '-';
}
