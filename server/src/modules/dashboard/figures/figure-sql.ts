import { toSqlTime } from '../../notices/search/sql-time';
import type { ReportPeriod } from '../report-period';
import type { ReportRegion } from '../report-region';

/** A raw-SQL fragment with its `?` parameters in order. */
export interface Sql {
  sql: string;
  params: unknown[];
}

/** A COUNT/SUM from either driver (mysql2 gives strings for SUM and BIGINT counts, NULL for an empty SUM). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * `column` inside the region's subtree and inside the period: the rows a figure counts. Paths hold
 * only digits and slashes, so the LIKE prefix needs no escaping; the time bounds are UTC instants of
 * Beijing month starts, written as the databases store datetime(3).
 */
export function inScope(pathColumn: string, timeColumn: string, region: ReportRegion, period: Pick<ReportPeriod, 'start' | 'end'>): Sql {
  return {
    sql: `${pathColumn} LIKE ? AND ${timeColumn} >= ? AND ${timeColumn} < ?`,
    params: [`${region.path}%`, toSqlTime(period.start), toSqlTime(period.end)],
  };
}

/**
 * The index (0 …) of the Beijing month an instant falls in, as a portable CASE over the month
 * boundaries (no date functions, which differ between MariaDB and SQLite). Rows are expected to lie
 * inside the period already (see `inScope`); -1 would mean after its end. Never a constant, so it
 * can be grouped by on both databases.
 */
export function monthBucket(timeColumn: string, period: Pick<ReportPeriod, 'months'>): Sql {
  const whens = period.months.map((m, i) => `WHEN ${timeColumn} < ? THEN ${i}`);
  return { sql: `(CASE ${whens.join(' ')} ELSE -1 END)`, params: period.months.map((m) => toSqlTime(m.end)) };
}

/** The index of the child region whose subtree holds `pathColumn`, or -1 (the region itself); `children` must not be empty. */
export function childBucket(pathColumn: string, children: ReportRegion[]): Sql {
  const whens = children.map((c, i) => `WHEN ${pathColumn} LIKE ? THEN ${i}`);
  return { sql: `(CASE ${whens.join(' ')} ELSE -1 END)`, params: children.map((c) => `${c.path}%`) };
}
