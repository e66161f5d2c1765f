/**
 * Dates on the compose form are calendar days in China time (`2026-11-24`, what date pickers give);
 * the API takes ISO 8601 with an offset. A period starts at 00:00 of its first day and ends at
 * 23:59:59 of its last.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateInput(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `2026-11-24` → `2026-11-24T00:00:00+08:00` (or `T23:59:59+08:00` for an end); null for '' or a bad date. */
export function dateInputToIso(value: string, endOfDay = false): string | null {
  if (!isDateInput(value)) return null;
  return `${value}T${endOfDay ? '23:59:59' : '00:00:00'}+08:00`;
}

/** The China calendar day of an instant, as `YYYY-MM-DD` ('' for null/invalid). */
export function isoToDateInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in China, `YYYY-MM-DD`. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(value: string, days: number): string {
  if (!isDateInput(value)) return value;
  const t = Date.parse(`${value}T00:00:00Z`) + days * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/** `2026年11月24日` for a date input value ('' stays ''). */
export function formatDateInput(value: string): string {
  const m = DATE_RE.exec(value);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : '';
}
