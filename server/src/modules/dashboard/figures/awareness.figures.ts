import type { DataSource } from 'typeorm';
import type { DashboardDto } from '@sunboard/shared';
import { rate, type ReportPeriod } from '../report-period';
import type { ReportRegion } from '../report-region';
import { inScope, num } from './figure-sql';

export type AwarenessFigures = DashboardDto['awareness'];

/**
 * 知晓率 over the notices published in the period (`published_at`, whatever their status now) whose
 * region lies in the subtree, with the per-notice definitions of NoticeReadsService.reach summed:
 * audience = residents (app_user) whose home region lies in the notice's region subtree; readers =
 * those of them with a `notice_read` row for it (readers from elsewhere are not counted).
 *
 * Three aggregates: notices per region, residents per home region (both bounded by the number of
 * regions, combined here), and the readers counted in SQL.
 */
export async function awarenessFigures(db: DataSource, region: ReportRegion, period: Pick<ReportPeriod, 'start' | 'end'>): Promise<AwarenessFigures> {
  const where = inScope('g.path', 'n.published_at', region, period);
  const noticesByRegion: Array<{ path: string; n: unknown }> = await db.query(
    `SELECT g.path AS path, COUNT(*) AS n FROM notice n JOIN region g ON g.id = n.region_id WHERE ${where.sql} GROUP BY g.path`,
    where.params,
  );
  const notices = noticesByRegion.reduce((s, r) => s + num(r.n), 0);
  if (!notices) return { notices: 0, audience: 0, readers: 0, rate: null };

  const residentsByRegion: Array<{ path: string; n: unknown }> = await db.query(
    'SELECT g.path AS path, COUNT(*) AS n FROM app_user u JOIN region g ON g.id = u.home_region_id WHERE g.path LIKE ? GROUP BY g.path',
    [`${region.path}%`],
  );
  let audience = 0;
  for (const nr of noticesByRegion) {
    const residents = residentsByRegion.filter((rr) => rr.path.startsWith(nr.path)).reduce((s, rr) => s + num(rr.n), 0);
    audience += num(nr.n) * residents;
  }

  const [read]: Array<{ n: unknown }> = await db.query(
    `SELECT COUNT(*) AS n FROM notice n JOIN region g ON g.id = n.region_id
       JOIN notice_read rd ON rd.notice_id = n.id
       JOIN app_user u ON u.id = rd.user_id
       JOIN region h ON h.id = u.home_region_id
     WHERE ${where.sql} AND SUBSTR(h.path, 1, LENGTH(g.path)) = g.path`,
    where.params,
  );
  const readers = num(read.n);
  return { notices, audience, readers, rate: rate(readers, audience) };
}
