import { z } from 'zod';
import { text } from './common';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A Beijing calendar date written `YYYY-MM-DD` that exists (2026-02-30 does not). */
export const dateSchema = z
  .string({ message: '日期必须是文字，格式 YYYY-MM-DD' })
  .regex(DATE, { message: '日期格式应为 YYYY-MM-DD' })
  .refine(
    (d) => {
      const t = new Date(`${d}T00:00:00Z`);
      return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) === d; // a bad format is the regex's issue
    },
    { message: '没有这一天' },
  );

/** `GET /api/calendar?from&to`: at most 400 days. */
export const calendarQuerySchema = z
  .object({ from: dateSchema, to: dateSchema })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 400, { message: '一次最多查询 400 天', path: ['to'] });
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

/** `PUT /api/admin/calendar/days/:date`: mark one date working (调休上班) or off (节假日). */
export const calendarDayInputSchema = z.object({
  work: z.boolean({ message: 'work 必须是 true（上班）或 false（放假）' }),
  name: text(40, '名称'),
});
export type CalendarDayInput = z.infer<typeof calendarDayInputSchema>;

/** `PUT /api/admin/calendar/years/:year`: the year's arrangement has been entered in full (or not). */
export const calendarYearInputSchema = z.object({ confirmed: z.boolean({ message: 'confirmed 必须是 true 或 false' }) });
export type CalendarYearInput = z.infer<typeof calendarYearInputSchema>;

export const CALENDAR_DAY_SOURCES = ['override', 'library', 'estimate'] as const;
export type CalendarDaySource = (typeof CALENDAR_DAY_SOURCES)[number];

export interface CalendarDayDto {
  date: string;
  work: boolean;
  name: string;
  /** override: set by an admin; library: the holiday calendar; estimate: weekends only (year not yet announced). */
  source: CalendarDaySource;
}

export interface CalendarDto {
  days: CalendarDayDto[];
  /** The last year the holiday library knows. */
  libraryLastYear: number;
  /** Later years an admin has entered in full. */
  confirmedYears: number[];
}
