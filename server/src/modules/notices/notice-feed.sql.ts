/**
 * The feed's SQL, as pure functions (the benchmark's bare reference server runs exactly these
 * statements). A page is two statements:
 * 1. the keys: one index-ordered sub-query per region of the scope — the region and each region
 *    above it — each an index range of ix_notice_feed (status, region_id, urgent, pinned,
 *    published_at, id) or of its domain/kind twins, read backwards, cut at `take` rows and covered
 *    by the index (no row is read); UNION ALL joins them and the caller merges the few keys in code.
 *    Compared with one `region_id IN (…) ORDER BY … LIMIT`, which must read every matching row of
 *    every region and sort them, each branch stops after `take` index entries;
 * 2. the rows of the page's keys only, by primary key (cardRowsSql).
 * Reading the rows inside the branches instead would read `take` rows per region for one page's worth.
 *
 * The cursor is written so that each database turns it into an index range: MariaDB/MySQL's range
 * optimizer reads the expanded OR form, SQLite reads a row-value comparison. Both mean the same:
 * strictly after the last row of the previous page in the order urgent, pinned, published_at, id
 * (all descending).
 */

export type SqlDialect = 'mysql' | 'sqlite';

/** Characters of the body sent along for the card summary (the summary needs ~80 characters of text). */
export const BODY_HEAD_CHARS = 600;

/** The card's columns; `body_head` is the start of the body. */
export const CARD_COLUMNS = `n.id, n.title, SUBSTR(n.body, 1, ${BODY_HEAD_CHARS}) AS body_head, n.kind, n.domain, n.region_id, n.publisher, n.published_at, n.urgent, n.pinned, n.status, n.publicity_ends_at, n.updated_at`;

/** The extra columns search's phrase check reads. */
export const TEXT_COLUMNS = 'n.body, n.basis, n.time_limit, n.doc_no, n.index_no, n.guide';

export interface Sql {
  sql: string;
  params: unknown[];
}

export interface FeedKey {
  urgent: boolean;
  pinned: boolean;
  /** 'YYYY-MM-DD HH:MM:SS.mmm' UTC (sql-time.ts) */
  publishedAt: string;
  id: number;
}

export interface FeedSqlInput {
  regionIds: number[];
  /** Only rows published at or before this time (the walk's snapshot), as SQL time text. */
  asOf: string;
  domain?: string;
  kind?: string;
  after?: FeedKey | null;
  /** Keys per region branch: the page size + 1. */
  take: number;
}

function feedIndex(input: FeedSqlInput): string {
  return input.domain ? 'ix_notice_feed_domain' : input.kind ? 'ix_notice_feed_kind' : 'ix_notice_feed';
}

function afterCondition(dialect: SqlDialect, k: FeedKey, params: unknown[]): string {
  const u = k.urgent ? 1 : 0;
  const p = k.pinned ? 1 : 0;
  if (dialect === 'sqlite') {
    params.push(u, p, k.publishedAt, k.id);
    return '(n.urgent, n.pinned, n.published_at, n.id) < (?, ?, ?, ?)';
  }
  params.push(u, u, p, u, p, k.publishedAt, u, p, k.publishedAt, k.id);
  return (
    '(n.urgent < ? OR (n.urgent = ? AND n.pinned < ?) OR (n.urgent = ? AND n.pinned = ? AND n.published_at < ?)' +
    ' OR (n.urgent = ? AND n.pinned = ? AND n.published_at = ? AND n.id < ?))'
  );
}

/**
 * One branch of a UNION ALL that keeps its own ORDER BY … LIMIT. MariaDB/MySQL take it in
 * parentheses and stream the branches; SQLite has no parenthesised SELECTs, so there each branch is
 * a sub-query in FROM (a cheap co-routine for SQLite, but on MariaDB a derived table materialised
 * per request — on disk when it holds text: several times slower, hence the two forms).
 */
export function unionBranch(dialect: SqlDialect, select: string, i: number): string {
  return dialect === 'mysql' ? `(${select})` : `SELECT * FROM (${select}) b${i}`;
}

/** The keys `[{id, urgent, pinned, published_at}]` of up to `take` notices per region, in no particular order overall (merge with compareFeedKeys). */
export function feedKeysSql(dialect: SqlDialect, input: FeedSqlInput): Sql {
  const params: unknown[] = [];
  const force = dialect === 'mysql' ? ` FORCE INDEX (${feedIndex(input)})` : '';
  const branches = input.regionIds.map((regionId, i) => {
    const where = ["n.status = 'published'", 'n.region_id = ?'];
    params.push(regionId);
    if (input.domain) {
      where.push('n.domain = ?');
      params.push(input.domain);
    }
    if (input.kind) {
      where.push('n.kind = ?');
      params.push(input.kind);
    }
    where.push('n.published_at <= ?');
    params.push(input.asOf);
    if (input.after) where.push(afterCondition(dialect, input.after, params));
    params.push(input.take);
    return unionBranch(
      dialect,
      `SELECT n.id, n.urgent, n.pinned, n.published_at FROM notice n${force} WHERE ${where.join(' AND ')} ORDER BY n.urgent DESC, n.pinned DESC, n.published_at DESC, n.id DESC LIMIT ?`,
      i,
    );
  });
  return { sql: branches.join(' UNION ALL '), params };
}

/** The card rows (and, for search's phrase check, the searchable text) of the given notices, in no particular order. */
export function cardRowsSql(ids: number[], withText = false): Sql {
  return {
    sql: `SELECT ${CARD_COLUMNS}${withText ? `, ${TEXT_COLUMNS}` : ''} FROM notice n WHERE n.id IN (${ids.map(() => '?').join(', ')})`,
    params: ids,
  };
}

/** A key as either driver returns it (booleans as 0/1 or true/false; times as Date or text). */
export interface FeedKeyRow {
  id: number | string;
  urgent: number | boolean | string;
  pinned: number | boolean | string;
  published_at: Date | string;
}

/** A raw card row as either driver returns it. */
export interface CardRow {
  id: number | string;
  title: string;
  body_head: string | null;
  kind: string;
  domain: string;
  region_id: number | string;
  publisher: string;
  published_at: Date | string | null;
  urgent: number | boolean | string;
  pinned: number | boolean | string;
  status: string;
  publicity_ends_at: Date | string | null;
  updated_at: Date | string | null;
}
