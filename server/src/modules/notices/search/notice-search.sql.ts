import { CARD_COLUMNS, type Sql, type SqlDialect, unionBranch } from '../notice-feed.sql';

/**
 * Search's SQL, as pure functions (the benchmark's bare reference server runs exactly these
 * statements). Everything reads `notice_term` through ix_notice_term_search (term, region_id,
 * in_title, published_at, notice_id) — on MariaDB/MySQL pinned with FORCE INDEX, and with the join
 * order pinned (STRAIGHT_JOIN; SQLite: CROSS JOIN) when a filter needs the notice row, because
 * MariaDB's own plan for a region-scoped search otherwise starts from `notice` and reads every
 * notice of the scope. Other terms of the query are checked by primary-key probes (notice_id, term).
 */

/** How many postings of a term are counted at most when choosing the rarest term to drive a search. */
export const TERM_COUNT_CAP = 1000;

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

export interface SearchPassInput {
  /** The rarest term: its postings are walked in order. */
  driver: string;
  /** The other key terms: each must be present (probed by primary key). */
  others: string[];
  regionIds: number[];
  /**
   * 1: the title pass — every key term in the title; 0: everything else. Within a pass, rows are
   * ordered newest first, then by id.
   */
  tier: 0 | 1;
  asOf: string;
  after?: SearchKey | null;
  domain?: string;
  kind?: string;
  /** Rows per branch. */
  take: number;
}

/**
 * One pass's candidates, `[{id, published_at}]`, up to `take` per branch, in no particular order
 * overall (sort by published_at, id descending). Branches: per region, and in the other-than-title
 * pass per value of the driver's title flag — each an index range read backwards.
 */
export function searchPassSql(dialect: SqlDialect, input: SearchPassInput): Sql {
  const mysql = dialect === 'mysql';
  const force = mysql ? ' FORCE INDEX (ix_notice_term_search)' : '';
  const filtered = !!(input.domain || input.kind);
  const join = filtered ? (mysql ? ' STRAIGHT_JOIN notice n' : ' CROSS JOIN notice n') : '';
  const params: unknown[] = [];
  const probe = (term: string, inTitle: boolean) => {
    params.push(term);
    return `EXISTS (SELECT 1 FROM notice_term o WHERE o.notice_id = t.notice_id AND o.term = ?${inTitle ? ' AND o.in_title = 1' : ''})`;
  };

  const flags: Array<0 | 1> = input.tier === 1 ? [1] : input.others.length ? [0, 1] : [0];
  const branches: string[] = [];
  for (const regionId of input.regionIds) {
    for (const driverInTitle of flags) {
      const where = ['t.term = ?', 't.region_id = ?', 't.in_title = ?', 't.published_at <= ?'];
      params.push(input.driver, regionId, driverInTitle, input.asOf);
      if (input.after) {
        where.push('(t.published_at < ? OR (t.published_at = ? AND t.notice_id < ?))');
        params.push(input.after.publishedAt, input.after.publishedAt, input.after.id);
      }
      if (input.tier === 1) {
        for (const o of input.others) where.push(probe(o, true));
      } else {
        for (const o of input.others) where.push(probe(o, false));
        // The driver is in the title: keep the row only when some other key term is not (else it is a title hit).
        if (driverInTitle === 1) where.push(`(${input.others.map((o) => `NOT ${probe(o, true)}`).join(' OR ')})`);
      }
      if (filtered) {
        where.push('n.id = t.notice_id', "n.status = 'published'");
        if (input.domain) {
          where.push('n.domain = ?');
          params.push(input.domain);
        }
        if (input.kind) {
          where.push('n.kind = ?');
          params.push(input.kind);
        }
      }
      params.push(input.take);
      branches.push(
        unionBranch(
          dialect,
          `SELECT t.notice_id AS id, t.published_at AS published_at FROM notice_term t${force}${join} WHERE ${where.join(' AND ')} ORDER BY t.published_at DESC, t.notice_id DESC LIMIT ?`,
          branches.length,
        ),
      );
    }
  }
  return { sql: branches.join(' UNION ALL '), params };
}

/** The extra columns the phrase check reads (the card's come from CARD_COLUMNS). */
const TEXT_COLUMNS = 'n.body, n.basis, n.time_limit, n.publisher, n.doc_no, n.index_no, n.guide';

/** The candidates' rows: card columns, plus the searchable text when the words must be checked. */
export function searchRowsSql(ids: number[], withText: boolean): Sql {
  return {
    sql: `SELECT ${CARD_COLUMNS}${withText ? `, ${TEXT_COLUMNS}` : ''} FROM notice n WHERE n.id IN (${ids.map(() => '?').join(', ')})`,
    params: ids,
  };
}
