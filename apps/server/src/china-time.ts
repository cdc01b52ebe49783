// Dates as the window counts them: China Standard Time (UTC+8, no daylight saving), whatever the
// server's zone. A 补正期限 runs to the end of its day; a 承诺补齐 date and a certificate's validity
// are counted by day; the 申报流水号 numbers the day's submissions.
const OFFSET_MS = 8 * 3600_000;

/** YYYY-MM-DD in China. */
export function chinaDate(at: Date = new Date()): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of the China day `ymd` (YYYY-MM-DD), 23:59:59.999 +08:00. */
export function endOfChinaDate(ymd: string): Date {
  return new Date(Date.parse(`${ymd}T23:59:59.999+08:00`));
}

/** The last millisecond of `at`'s day in China. */
export function endOfChinaDay(at: Date): Date {
  return endOfChinaDate(chinaDate(at));
}
