import type { DataSource } from 'typeorm';
import type { DashboardDto } from '@sunboard/shared';
import { rate, type ReportPeriod } from '../report-period';
import type { ReportRegion } from '../report-region';
import { inScope, num } from './figure-sql';
import { NOT_APPEAL_UPHELD } from './satisfaction.figures';

export type FollowupFigures = DashboardDto['followups'];

/**
 * 差评办理: follow-ups opened in the period (`created_at`) owned by a region of the subtree
 * (`rating_followup.region_id`), leaving out those whose appeal was upheld. One query of sums.
 * `today` is the Beijing business date that decides "overdue" (open and `due_on` before it);
 * on time = replied with `replied_on` ≤ `due_on` (both Beijing business dates, compared as text).
 */
export async function followupFigures(db: DataSource, region: ReportRegion, period: Pick<ReportPeriod, 'start' | 'end'>, today: string): Promise<FollowupFigures> {
  const where = inScope('g.path', 'f.created_at', region, period);
  const [row]: Array<Record<string, unknown>> = await db.query(
    `SELECT COUNT(*) AS total,
       SUM(CASE WHEN f.status = 'closed' THEN 1 ELSE 0 END) AS closed,
       SUM(CASE WHEN f.status = 'open' THEN 1 ELSE 0 END) AS open_count,
       SUM(CASE WHEN f.status = 'open' AND f.due_on < ? THEN 1 ELSE 0 END) AS overdue,
       SUM(CASE WHEN f.replied_on IS NOT NULL THEN 1 ELSE 0 END) AS replied,
       SUM(CASE WHEN f.replied_on IS NOT NULL AND f.replied_on <= f.due_on THEN 1 ELSE 0 END) AS on_time,
       SUM(CASE WHEN f.outcome = 'satisfied' THEN 1 ELSE 0 END) AS satisfied
     FROM rating_followup f JOIN region g ON g.id = f.region_id
     WHERE ${where.sql} AND ${NOT_APPEAL_UPHELD}`,
    [today, ...where.params],
  );
  const total = num(row.total);
  const closed = num(row.closed);
  const overdue = num(row.overdue);
  const onTime = num(row.on_time);
  return {
    total,
    closed,
    closedRate: rate(closed, total),
    onTime,
    onTimeRate: rate(onTime, num(row.replied) + overdue),
    open: num(row.open_count),
    overdue,
    satisfiedAfterReply: num(row.satisfied),
  };
}
