import { type Sql, type SqlDialect, unionBranch } from '../notice-feed.sql';

/**
 * Search's SQL, as pure functions (the benchmark's bare reference server runs exactly these
 * statements). Everything reads `notice_term` through ix_notice_term_search (term, region_id,
 * in_title, published_at, notice_id) — on MariaDB/MySQL pinned with FORCE INDEX, and the join order
 * pinned too (STRAIGHT_JOIN; SQLite: CROSS JOIN), because MariaDB's own plan for a region-scoped
 * search may start from `notice` and read every notice of the scope. Each branch walks one index
 * range newest first, covered by the index; the other terms of the query are checked by
 * primary-key probes of notice_term (notice_id, term); only a domain or kind filter reads the
 * notice row (by primary key) inside the walk. The rows of the few candidates are read afterwards
 * (cardRowsSql), as for the feed.
 */

/** How many postings of a term are counted at most when choosing the rarest term to drive a search. */
export const TERM_COUNT_CAP = 200;

/** Postings per term, each counted up to TERM_COUNT_CAP: `[{i, n}]` with i the term's position in `terms`. */
export function termCountsSql(dialect: SqlDialect, terms: string[]): Sql {
  const force = dialect === 'mysql' ? ' FORCE INDEX (ix_notice_term_search)' : '';
  const params: unknown[] = [];
  const parts = terms.map((term, i) => {
    params.push(term, TERM_COUNT_CAP);
    return `SELECT ${i} AS i, COUNT(*) AS n FROM (SELECT 1 AS x FROM notice_term t${force} WHERE t.term = ? LIMIT ?) c${i}`;
  });
  return { sql: parts.join(' UNION ALL '), params };
}

export interface SearchKey {
  /** 'YYYY-MM-DD HH:MM:SS.mmm' UTC (sql-time.ts) */
  publishedAt: string;
  id: number;
}

/** Where a tier's walk stands: from the top (null), after a key, or finished (omitted from the statement). */
export type TierPosition = SearchKey | null | 'done';

export interface SearchPageInput {
  /** The rarest term: its postings are walked in order. */
  driver: string;
  /** The other key terms: each must be present (probed by primary key). */
  others: string[];
  regionIds: number[];
  /**
   * Tier 1: every key term in the title; tier 0: everything else. Within a tier, rows are ordered
   * newest first, then by id (descending).
   */
  tier1: TierPosition;
  tier0: TierPosition;
  asOf: string;
  domain?: string;
  kind?: string;
  /** Keys per branch. */
  take: number;
}

/**
 * Candidates of both tiers, `[{tier, key_at, id}]`, up to `take` per branch, in no particular
 * order overall (group by tier, sort each by key_at and id, descending). Branches: per
 * tier, per region, and in tier 0 per value of the driver's title flag — each an index range read
 * backwards. A single term that nobody used ends here too: every branch is one empty index probe.
 */
export function searchKeysSql(dialect: SqlDialect, input: SearchPageInput): Sql {
  const mysql = dialect === 'mysql';
  const force = mysql ? ' FORCE INDEX (ix_notice_term_search)' : '';
  const filtered = !!(input.domain || input.kind);
  const join = filtered ? (mysql ? ' STRAIGHT_JOIN notice n' : ' CROSS JOIN notice n') : '';
  const params: unknown[] = [];
  const probe = (term: string, inTitle: boolean) => {
    params.push(term);
    return `EXISTS (SELECT 1 FROM notice_term o WHERE o.notice_id = t.notice_id AND o.term = ?${inTitle ? ' AND o.in_title = 1' : ''})`;
  };

  const branches: string[] = [];
  for (const tier of [1, 0] as const) {
    const position = tier === 1 ? input.tier1 : input.tier0;
    if (position === 'done') continue;
    const flags: Array<0 | 1> = tier === 1 ? [1] : input.others.length ? [0, 1] : [0];
    for (const regionId of input.regionIds) {
      for (const driverInTitle of flags) {
        const where = ['t.term = ?', 't.region_id = ?', 't.in_title = ?', 't.published_at <= ?'];
        params.push(input.driver, regionId, driverInTitle, input.asOf);
        if (position) {
          where.push('(t.published_at < ? OR (t.published_at = ? AND t.notice_id < ?))');
          params.push(position.publishedAt, position.publishedAt, position.id);
        }
        if (tier === 1) {
          for (const o of input.others) where.push(probe(o, true));
        } else {
          for (const o of input.others) where.push(probe(o, false));
          // The driver is in the title: keep the row only when some other key term is not (else it is a title hit).
          if (driverInTitle === 1) where.push(`(${input.others.map((o) => `NOT ${probe(o, true)}`).join(' OR ')})`);
        }
        if (filtered) where.push('n.id = t.notice_id', "n.status = 'published'");
        if (input.domain) {
          where.push('n.domain = ?');
          params.push(input.domain);
        }
        if (input.kind) {
          where.push('n.kind = ?');
          params.push(input.kind);
        }
        params.push(input.take);
        branches.push(
          unionBranch(
            dialect,
            `SELECT ${tier} AS tier, t.published_at AS key_at, t.notice_id AS id FROM notice_term t${force}${join} WHERE ${where.join(' AND ')} ORDER BY t.published_at DESC, t.notice_id DESC LIMIT ?`,
            branches.length,
          ),
        );
      }
    }
  }
  return { sql: branches.join(' UNION ALL '), params };
}
