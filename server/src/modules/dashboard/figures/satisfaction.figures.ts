import type { DataSource } from 'typeorm';
import { type DashboardDto, DOMAIN_CODES, DOMAIN_LABELS, type Domain, type SatisfactionFigure, SATISFIED_MIN_LEVEL } from '@sunboard/shared';
import { rate, type ReportPeriod } from '../report-period';
import type { ReportRegion } from '../report-region';
import { childBucket, inScope, monthBucket, num } from './figure-sql';

export type SatisfactionFigures = DashboardDto['satisfaction'];

/** Label of ratings whose target has no domain. */
export const NO_DOMAIN_LABEL = '其他';
/** Suffix of the byRegion entry for ratings attached to the region itself (not to a child). */
export const OWN_LEVEL_SUFFIX = '本级';

/** A rating counts unless its follow-up ended with an upheld appeal (the rating was mistaken or malicious). */
export const NOT_APPEAL_UPHELD = "(f.outcome IS NULL OR f.outcome <> 'appeal_upheld')";

const SATISFIED = `SUM(CASE WHEN r.level >= ${SATISFIED_MIN_LEVEL} THEN 1 ELSE 0 END)`;

const figure = (satisfied: number, total: number): SatisfactionFigure => ({ total, satisfied, rate: rate(satisfied, total) });

/**
 * 满意度: ratings given in the period (by `created_at`, with their current level) on targets in the
 * region's subtree (`rating.region_id`, copied from the target). Satisfied = level ≥ 3. Three
 * GROUP BY queries: month × level, child region, domain.
 */
export async function satisfactionFigures(db: DataSource, region: ReportRegion, children: ReportRegion[], period: ReportPeriod): Promise<SatisfactionFigures> {
  const where = inScope('g.path', 'r.created_at', region, period);
  const from = `FROM rating r JOIN region g ON g.id = r.region_id LEFT JOIN rating_followup f ON f.rating_id = r.id WHERE ${where.sql} AND ${NOT_APPEAL_UPHELD}`;

  const month = monthBucket('r.created_at', period);
  const byMonthLevel: Array<{ bucket: unknown; level: unknown; n: unknown }> = await db.query(
    `SELECT ${month.sql} AS bucket, r.level AS level, COUNT(*) AS n ${from} GROUP BY bucket, r.level`,
    [...month.params, ...where.params],
  );
  const byLevel: SatisfactionFigures['byLevel'] = { '5': 0, '4': 0, '3': 0, '2': 0, '1': 0 };
  const months = period.months.map(() => ({ total: 0, satisfied: 0 }));
  for (const row of byMonthLevel) {
    const level = num(row.level);
    const n = num(row.n);
    const key = String(level) as keyof typeof byLevel;
    if (key in byLevel) byLevel[key] += n;
    const m = months[num(row.bucket)];
    if (!m) continue;
    m.total += n;
    if (level >= SATISFIED_MIN_LEVEL) m.satisfied += n;
  }
  const total = months.reduce((s, m) => s + m.total, 0);
  const satisfied = months.reduce((s, m) => s + m.satisfied, 0);

  return {
    ...figure(satisfied, total),
    byLevel,
    byMonth: period.months.map((m, i) => ({ month: m.month, ...figure(months[i].satisfied, months[i].total) })),
    byRegion: await byRegion(db, region, children, from, where.params, { total, satisfied }),
    byDomain: await byDomain(db, from, where.params),
  };
}

/** Each direct child with its subtree, then the region itself when ratings are attached to it directly. */
async function byRegion(
  db: DataSource,
  region: ReportRegion,
  children: ReportRegion[],
  from: string,
  params: unknown[],
  all: { total: number; satisfied: number },
): Promise<SatisfactionFigures['byRegion']> {
  const buckets = new Map<number, { total: number; satisfied: number }>();
  if (children.length) {
    const child = childBucket('g.path', children);
    const rows: Array<{ bucket: unknown; satisfied: unknown; n: unknown }> = await db.query(
      `SELECT ${child.sql} AS bucket, ${SATISFIED} AS satisfied, COUNT(*) AS n ${from} GROUP BY bucket`,
      [...child.params, ...params],
    );
    for (const row of rows) buckets.set(num(row.bucket), { total: num(row.n), satisfied: num(row.satisfied) });
  } else {
    buckets.set(-1, all);
  }
  const out = children.map((c, i) => ({ regionId: c.id, regionName: c.name, ...figure(buckets.get(i)?.satisfied ?? 0, buckets.get(i)?.total ?? 0) }));
  const own = buckets.get(-1);
  if (own && own.total > 0) out.push({ regionId: region.id, regionName: `${region.name}${OWN_LEVEL_SUFFIX}`, ...figure(own.satisfied, own.total) });
  return out;
}

/** Domains with ratings, most rated first (ties in the standard order of the 26 domains), 其他 last. */
async function byDomain(db: DataSource, from: string, params: unknown[]): Promise<SatisfactionFigures['byDomain']> {
  const rows: Array<{ domain: string | null; satisfied: unknown; n: unknown }> = await db.query(
    `SELECT r.domain AS domain, ${SATISFIED} AS satisfied, COUNT(*) AS n ${from} GROUP BY r.domain`,
    params,
  );
  const known = (d: string | null): d is Domain => d !== null && (DOMAIN_CODES as readonly string[]).includes(d);
  let other = { total: 0, satisfied: 0 };
  const listed: SatisfactionFigures['byDomain'] = [];
  for (const row of rows) {
    if (known(row.domain)) listed.push({ domain: row.domain, domainLabel: DOMAIN_LABELS[row.domain], ...figure(num(row.satisfied), num(row.n)) });
    else other = { total: other.total + num(row.n), satisfied: other.satisfied + num(row.satisfied) };
  }
  const order = (d: Domain | null) => (d ? DOMAIN_CODES.indexOf(d) : DOMAIN_CODES.length);
  listed.sort((a, b) => b.total - a.total || order(a.domain) - order(b.domain));
  if (other.total > 0) listed.push({ domain: null, domainLabel: NO_DOMAIN_LABEL, ...figure(other.satisfied, other.total) });
  return listed;
}
