/**
 * The feed's SQL, as pure functions (the benchmark's bare reference server runs exactly these
 * statements). One index-ordered sub-query per region of the scope — the region and each region
 * above it — each an index range of ix_notice_feed (status, region_id, urgent, pinned, published_at,
 * id) or of its domain/kind twins, read backwards and cut at `take` rows; UNION ALL joins them and
 * the caller merges the few rows in code. Compared with one `region_id IN (…) ORDER BY … LIMIT`,
 * which must read every matching row of every region and sort them, each branch stops after
 * `take` index entries.
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

/**
 * A 公示 whose period has ended is gone for residents even before the expiry job marks it expired
 * (the detail answers 404 then). Evaluated on the rows the index range reads, which are few.
 */
export const PUBLICITY_NOT_ENDED = "(n.kind <> 'publicity' OR n.publicity_ends_at IS NULL OR n.publicity_ends_at > ?)";

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
  /** The current time as SQL time text: a 公示 whose period has ended by then is no longer listed. */
  now: string;
  domain?: string;
  kind?: string;
  after?: FeedKey | null;
  /** Rows per region branch: the page size + 1. */
  take: number;
}

export interface Sql {
  sql: string;
  params: unknown[];
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

/** One page's candidates: up to `take` rows per region, in no particular order overall (merge with compareFeedRows). */
export function feedPageSql(dialect: SqlDialect, input: FeedSqlInput): Sql {
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
    where.push('n.published_at <= ?', PUBLICITY_NOT_ENDED);
    params.push(input.asOf, input.now);
    if (input.after) where.push(afterCondition(dialect, input.after, params));
    params.push(input.take);
    return unionBranch(dialect, `SELECT ${CARD_COLUMNS} FROM notice n${force} WHERE ${where.join(' AND ')} ORDER BY n.urgent DESC, n.pinned DESC, n.published_at DESC, n.id DESC LIMIT ?`, i);
  });
  return { sql: branches.join(' UNION ALL '), params };
}

/**
 * One branch of a UNION ALL that keeps its own ORDER BY … LIMIT. MariaDB/MySQL take it in
 * parentheses and stream the branches; SQLite has no parenthesised SELECTs, so there each branch is
 * a sub-query in FROM (a cheap co-routine for SQLite, but on MariaDB a derived table materialised —
 * with the body's text, on disk — per request: ~8× slower, hence the two forms).
 */
export function unionBranch(dialect: SqlDialect, select: string, i: number): string {
  return dialect === 'mysql' ? `(${select})` : `SELECT * FROM (${select}) b${i}`;
}

/** A raw card row as either driver returns it (booleans as 0/1 or true/false; times as Date or text). */
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
