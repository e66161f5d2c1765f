/** The business calendar's time zone: dates of deadlines and working days are Beijing dates. */
export const BUSINESS_TZ = 'Asia/Shanghai';

const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Beijing calendar date of an instant, as `YYYY-MM-DD`. */
export function businessDate(at: Date): string {
  return fmt.format(at);
}

/** Midnight at the start of a Beijing date (`YYYY-MM-DD`) as an instant (Beijing has no DST: UTC+8). */
export function startOfBusinessDate(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The last instant of a Beijing date. */
export function endOfBusinessDate(date: string): Date {
  return new Date(startOfBusinessDate(date).getTime() + 86_400_000 - 1);
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Day of week of a `YYYY-MM-DD` date: 0 Sunday … 6 Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isValidDate(date: string): boolean {
  if (!DATE_PATTERN.test(date)) return false;
  return new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}
