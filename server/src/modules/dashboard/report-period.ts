import { businessDate, startOfBusinessDate } from '../../common/clock/business-date';
import { AppError } from '../../common/errors/app-error';

/** Longest dashboard period, in months (the query schema says the same). */
export const MAX_MONTHS = 36;
/** Months shown when the query names no `from`. */
export const DEFAULT_MONTHS = 12;

/** A half-open range of instants [start, end) cut into Beijing calendar months. */
export interface ReportPeriod {
  /** First and last month included, `YYYY-MM`. */
  from: string;
  to: string;
  start: Date;
  end: Date;
  months: Array<{ month: string; start: Date; end: Date }>;
}

/** `YYYY-MM` plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

/** Midnight Beijing time on the first day of `month`. */
export function startOfMonth(month: string): Date {
  return startOfBusinessDate(`${month}-01`);
}

/** The Beijing month (`YYYY-MM`) an instant falls in. */
export function monthOf(at: Date): string {
  return businessDate(at).slice(0, 7);
}

/**
 * The period a dashboard query asks for: `to` defaults to the current Beijing month, `from` to
 * DEFAULT_MONTHS − 1 months before `to`. A range that ends before it starts or spans more than
 * MAX_MONTHS months is a 400 naming the field (the schema checks this when both are given; this
 * covers the defaults).
 */
export function monthPeriod(q: { from?: string; to?: string }, now: Date): ReportPeriod {
  const to = q.to ?? monthOf(now);
  const from = q.from ?? addMonths(to, -(DEFAULT_MONTHS - 1));
  if (from > to) throw q.to ? AppError.field('to', 'to 不能早于 from') : AppError.field('from', 'from 不能晚于当前月份');
  const count = monthsBetween(from, to);
  if (count > MAX_MONTHS) throw AppError.field('from', `时间范围最多 ${MAX_MONTHS} 个月`);
  const months = Array.from({ length: count }, (_, i) => {
    const month = addMonths(from, i);
    return { month, start: startOfMonth(month), end: startOfMonth(addMonths(month, 1)) };
  });
  return { from, to, start: months[0].start, end: months[months.length - 1].end, months };
}

/** A Beijing calendar year as a period of twelve months. */
export function yearPeriod(year: number): ReportPeriod {
  const y = String(year).padStart(4, '0');
  return monthPeriod({ from: `${y}-01`, to: `${y}-12` }, new Date(0));
}

/** `part / whole` rounded to 4 decimals (0–1), null when `whole` is 0. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}
