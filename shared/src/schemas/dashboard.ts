import { z } from 'zod';
import type { Domain } from '../enums/domains';
import type { DisclosureCategory, NoticeKind } from '../enums/notice';
import { idSchema } from './common';

/**
 * The office's dashboard (staff of a region, for that region and everything below it) and the draft
 * of the yearly disclosure report in the 国办公开办函〔2021〕30号 layout.
 */

const monthSchema = z
  .string({ message: '月份必须是 YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份必须是 YYYY-MM，例如 2026-01' });

/** `GET /api/dashboard?regionId=&from=YYYY-MM&to=YYYY-MM` (and `/api/dashboard/export` for xlsx). */
export const dashboardQuerySchema = z
  .object({
    regionId: idSchema,
    /** First month included (Beijing time); default: 11 months before `to`. */
    from: monthSchema.optional(),
    /** Last month included; default: the current month. */
    to: monthSchema.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to 不能早于 from' });
    if (q.from && q.to) {
      const months = (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4))) * 12 + Number(q.to.slice(5)) - Number(q.from.slice(5));
      if (months >= 36) ctx.addIssue({ code: 'custom', path: ['from'], message: '时间范围最多 36 个月' });
    }
  });
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** A satisfaction figure: `rate` = satisfied / total (0–1), null when total is 0. */
export interface SatisfactionFigure {
  total: number;
  satisfied: number;
  rate: number | null;
}

export interface DashboardDto {
  regionId: number;
  regionName: string;
  from: string;
  to: string;
  generatedAt: string;
  satisfaction: SatisfactionFigure & {
    /** Count per level, keys '5'…'1'. */
    byLevel: Record<'5' | '4' | '3' | '2' | '1', number>;
    /** One entry per month from..to, months without ratings included with total 0. */
    byMonth: Array<SatisfactionFigure & { month: string }>;
    /** The region's direct children (and the region itself for ratings on its own targets). */
    byRegion: Array<SatisfactionFigure & { regionId: number; regionName: string }>;
    /** Domains that have ratings; ratings of targets without a domain under domain null (其他). */
    byDomain: Array<SatisfactionFigure & { domain: Domain | null; domainLabel: string }>;
  };
  /** 差评 follow-ups opened in the period (appeals upheld excluded). */
  followups: {
    total: number;
    closed: number;
    /** closed / total, null when total is 0. */
    closedRate: number | null;
    /** Replied on or before the due date. */
    onTime: number;
    /** onTime / replied-or-overdue, null when nothing was due yet. */
    onTimeRate: number | null;
    open: number;
    overdue: number;
    satisfiedAfterReply: number;
  };
  /** Notices published in the period in scope: residents reached vs residents of their scopes. */
  awareness: { notices: number; audience: number; readers: number; rate: number | null };
  /** Push messages created in the period for residents in scope. */
  push: { targeted: number; sent: number; refused: number; failed: number; queued: number; deliveryRate: number | null };
  /** Consultations closing in the period in scope. */
  consultations: { count: number; comments: number; commenters: number; answered: number; answeredRate: number | null };
}

/** `GET /api/reports/yearly?regionId=&year=` (and `/api/reports/yearly/export` for xlsx). */
export const yearlyReportQuerySchema = z
  .object({
    regionId: idSchema,
    year: z.coerce
      .number({ message: '年份必须是数字' })
      .int({ message: '年份必须是整数' })
      .min(2000, { message: '年份不能早于 2000 年' })
      .max(2100, { message: '年份不能晚于 2100 年' }),
  })
  .strict();
export type YearlyReportQuery = z.infer<typeof yearlyReportQuerySchema>;

/** One row of a report table: `value` null means "not tracked by Sunboard" (left blank, labelled). */
export interface YearlyReportRow {
  label: string;
  value: number | null;
  /** Why a value is blank or how it was counted. */
  note?: string;
}

export interface YearlyReportSection {
  /** 一、总体情况 … 六、其他需要报告的事项 */
  heading: string;
  /** Free text the office writes itself (blank in the draft), with a hint of what belongs there. */
  text?: { value: string; hint: string };
  /**
   * `columns[0]` heads the row labels; `cells[i]` belongs under `columns[i + 1]`. A null cell is not
   * tracked by Sunboard (left blank); such rows carry `note` '未记录'.
   */
  tables: Array<{ title: string; columns: string[]; rows: Array<{ label: string; cells: Array<number | null>; note?: string }>; note?: string }>;
}

export interface YearlyReportDto {
  regionId: number;
  regionName: string;
  year: number;
  title: string;
  generatedAt: string;
  /** Counts of notices actively published in the year, by kind, category and domain (for the office's own use). */
  published: {
    total: number;
    byKind: Array<{ kind: NoticeKind; label: string; count: number }>;
    byCategory: Array<{ category: DisclosureCategory; label: string; count: number }>;
    byDomain: Array<{ domain: Domain; label: string; count: number }>;
  };
  sections: YearlyReportSection[];
}
