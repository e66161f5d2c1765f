import type { DataSource } from 'typeorm';
import type { DashboardDto } from '@sunboard/shared';
import { rate, type ReportPeriod } from '../report-period';
import type { ReportRegion } from '../report-region';
import { inScope, num } from './figure-sql';

export type ConsultationFigures = DashboardDto['consultations'];

/**
 * 征求意见参与: consultations of the subtree whose period closes inside the period (`closes_at`) and
 * their comments that were not hidden by moderation. Commenters = distinct residents who commented
 * plus one per 代录 comment (entered by a grid worker; the resident has no account). Answered =
 * comments with an adoption answer (采纳 / 部分采纳 / 未采纳).
 */
export async function consultationFigures(db: DataSource, region: ReportRegion, period: Pick<ReportPeriod, 'start' | 'end'>): Promise<ConsultationFigures> {
  const where = inScope('g.path', 'c.closes_at', region, period);
  const [held]: Array<{ n: unknown }> = await db.query(`SELECT COUNT(*) AS n FROM consultation c JOIN region g ON g.id = c.region_id WHERE ${where.sql}`, where.params);
  const [row]: Array<Record<string, unknown>> = await db.query(
    `SELECT COUNT(*) AS comments,
       COUNT(DISTINCT cm.author_id) AS residents,
       SUM(CASE WHEN cm.author_id IS NULL THEN 1 ELSE 0 END) AS proxies,
       SUM(CASE WHEN cm.adoption IS NOT NULL THEN 1 ELSE 0 END) AS answered
     FROM consultation c JOIN region g ON g.id = c.region_id JOIN consultation_comment cm ON cm.consultation_id = c.id
     WHERE ${where.sql} AND cm.status <> 'hidden'`,
    where.params,
  );
  const comments = num(row.comments);
  const answered = num(row.answered);
  return { count: num(held.n), comments, commenters: num(row.residents) + num(row.proxies), answered, answeredRate: rate(answered, comments) };
}
