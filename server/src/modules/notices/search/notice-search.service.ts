import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NoticeCardDto, NoticeFeedQuery, Page } from '@sunboard/shared';
import type { NoticeGuide } from '../notice.entity';
import { toCardDto, trimBodyHead, visibleToResidents } from '../notice-card.row';
import { type CardRow, cardRowsSql, type SqlDialect } from '../notice-feed.sql';
import type { FeedScope } from '../notice-scope';
import { containsAllWords, type SearchableNotice, titleOrHeadHoldsAllWords } from './notice-search-document';
import { searchKeysSql, termCountsSql, type TierPosition } from './notice-search.sql';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { parseSearchQuery } from './search-terms';
import { fromSqlTime, toSqlTime } from './sql-time';

/** Terms whose postings are counted to pick the rarest; a longer query's other words are left to the phrase check. */
const MAX_COUNTED_TERMS = 16;
/** The rarest terms the index intersects (the driver + probes); they also define the title tier. */
const MAX_KEY_TERMS = 6;
/** Candidates examined per request at most: a page may come back short, with a cursor to go on. */
const MAX_EXAMINED = 600;

/** A candidate's key: its tier and its place in the index. */
interface KeyRow {
  tier: number | string;
  key_at: Date | string;
  id: number | string;
}

/** A candidate's row: the card's columns and (when words are checked) the searchable text. */
type SearchRow = CardRow & {
  body?: string;
  basis?: string;
  time_limit?: string;
  doc_no?: string | null;
  index_no?: string | null;
  guide?: string | null;
};

interface Candidate {
  tier: 0 | 1;
  at: Date;
  id: number;
}

function parseGuide(raw: string | null | undefined): NoticeGuide | null {
  if (!raw) return null;
  try {
    const g = JSON.parse(raw) as unknown;
    return g && typeof g === 'object' && !Array.isArray(g) ? (g as NoticeGuide) : null;
  } catch {
    return null;
  }
}

function searchable(row: SearchRow): SearchableNotice {
  return {
    title: row.title,
    body: row.body ?? '',
    basis: row.basis ?? '',
    timeLimit: row.time_limit ?? '',
    publisher: row.publisher,
    docNo: row.doc_no ?? null,
    indexNo: row.index_no ?? null,
    guide: parseGuide(row.guide),
  };
}

/** One tier's rows of a round, newest first then by id, cut to `take` (beyond it another branch may hold newer rows). */
function tierKeys(keys: KeyRow[], tier: 0 | 1, take: number): Candidate[] {
  return keys
    .filter((k) => Number(k.tier) === tier)
    .map((k) => ({ tier, at: fromSqlTime(k.key_at) ?? new Date(0), id: Number(k.id) }))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)
    .slice(0, take);
}

/**
 * Chinese search over the inverted index `notice_term` (see the NoticeSearch migration and
 * docs/performance.md). A query's words must all occur in the notice (title, body as plain text,
 * elements). Plan:
 * 1. tokenise the query (search-terms.ts); with several terms, count each one's postings, capped —
 *    a term nobody used ends the search here, after one index probe per term — and pick the
 *    rarest to drive;
 * 2. one statement (notice-search.sql.ts) walks the driver's postings newest first, one index range
 *    per region of the scope and per tier — title hits (every key term in the title) before the
 *    rest — probing the other key terms by primary key;
 * 3. the candidates' rows are read by primary key and, unless one term decides a match by itself,
 *    every word is checked as a substring of the notice's normalised text; should checks reject
 *    candidates, the walk goes on from the last one.
 * A single term that nobody used costs one statement (after the scope); a hit, two.
 */
@Injectable()
export class NoticeSearchService {
  private readonly dialect: SqlDialect;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.dialect = db.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  async search(scope: FeedScope, query: NoticeFeedQuery & { q: string }): Promise<Page<NoticeCardDto>> {
    const cursor = query.cursor ? decodeSearchCursor(query.cursor) : null;
    const parsed = parseSearchQuery(query.q);
    if (!parsed.terms.length) return { items: [], nextCursor: null };

    const [driver, ...others] = await this.keyTerms(parsed.terms);
    if (!driver) return { items: [], nextCursor: null };
    const verify = !parsed.exactByIndex;

    const asOf = cursor?.asOf ?? new Date();
    const take = (query.limit + 1) * (verify ? 2 : 1);
    const key = (c: { at: Date; id: number }) => ({ publishedAt: toSqlTime(c.at), id: c.id });
    let tier1: TierPosition = cursor ? (cursor.tier === 1 ? key({ at: cursor.publishedAt, id: cursor.id }) : 'done') : null;
    let tier0: TierPosition = cursor?.tier === 0 ? key({ at: cursor.publishedAt, id: cursor.id }) : null;

    const found: Array<Candidate & { row: SearchRow }> = [];
    let examined = 0;
    let lastExamined: Candidate | null = null;
    let truncated = false;
    const full = () => found.length > query.limit;

    while (!full() && (tier1 !== 'done' || tier0 !== 'done')) {
      // With one term both tiers' ranges are cheap and come in one statement; with several, the
      // rest-tier branches must skip every title hit, so they wait until the title hits run out.
      const deferRest = others.length > 0 && tier1 !== 'done';
      const { sql, params } = searchKeysSql(this.dialect, {
        driver,
        others,
        regionIds: scope.regionIds,
        tier1,
        tier0: deferRest ? 'done' : tier0,
        asOf: toSqlTime(asOf),
        domain: query.domain,
        kind: query.kind,
        take,
      });
      const keys: KeyRow[] = await this.db.query(sql, params);
      const now = new Date();
      // Title hits first; the rest only once the title hits are exhausted.
      for (const tier of [1, 0] as const) {
        if ((tier === 1 ? tier1 : tier0) === 'done' || full()) continue;
        if (tier === 0 && (tier1 !== 'done' || deferRest)) continue;
        const batch = tierKeys(keys, tier, take);
        for (let i = 0; i < batch.length && !full(); ) {
          const slice = batch.slice(i, i + query.limit + 1 - found.length);
          i += slice.length;
          const rows = await this.rows(slice.map((c) => c.id), false);
          // A stale index row (not published, or a 公示 whose period has ended) never shows.
          const visible = slice.filter((c) => rows.has(c.id) && visibleToResidents(rows.get(c.id)!, now));
          const matched = verify ? await this.checkWords(visible, rows, parsed.words) : new Set(visible.map((c) => c.id));
          for (const c of slice) {
            examined++;
            lastExamined = c;
            if (!matched.has(c.id)) continue;
            found.push({ ...c, row: rows.get(c.id)! });
            if (full()) break;
          }
        }
        const next: TierPosition = batch.length < take ? 'done' : key(batch[batch.length - 1]);
        if (tier === 1) tier1 = next;
        else tier0 = next;
      }
      if (!full() && examined >= MAX_EXAMINED) {
        truncated = true;
        break;
      }
    }

    const items = found.slice(0, query.limit);
    let nextCursor: string | null = null;
    if (full()) {
      const last = items[items.length - 1];
      nextCursor = encodeSearchCursor({ tier: last.tier, publishedAt: last.at, id: last.id, asOf });
    } else if (truncated && lastExamined) {
      nextCursor = encodeSearchCursor({ tier: lastExamined.tier, publishedAt: lastExamined.at, id: lastExamined.id, asOf });
    }
    return { items: items.map((f) => toCardDto(f.row, scope.refs)), nextCursor };
  }

  /**
   * The candidates that hold every word: first checked on the title and the start of the body the
   * card rows carry; only those not settled there have their whole text read (one query).
   */
  private async checkWords(candidates: Candidate[], rows: Map<number, SearchRow>, words: string[]): Promise<Set<number>> {
    const matched = new Set<number>();
    const unsure: number[] = [];
    for (const c of candidates) {
      const row = rows.get(c.id)!;
      if (titleOrHeadHoldsAllWords(row.title, trimBodyHead(row.body_head ?? ''), words)) matched.add(c.id);
      else unsure.push(c.id);
    }
    if (unsure.length) {
      for (const [id, row] of await this.rows(unsure, true)) if (containsAllWords(searchable(row), words)) matched.add(id);
    }
    return matched;
  }

  private async rows(ids: number[], withText: boolean): Promise<Map<number, SearchRow>> {
    const { sql, params } = cardRowsSql(ids, withText);
    const rows = (await this.db.query(sql, params)) as SearchRow[];
    return new Map(rows.map((r) => [Number(r.id), r]));
  }

  /**
   * The terms the index intersects, rarest first (the first drives the walk); none when a term has
   * no postings at all. One term needs no counting: the walk itself ends at the first probe.
   */
  private async keyTerms(terms: string[]): Promise<string[]> {
    if (terms.length === 1) return terms;
    const counted = terms.slice(0, MAX_COUNTED_TERMS);
    const { sql, params } = termCountsSql(this.dialect, counted);
    const rows: Array<{ i: number | string; n: number | string }> = await this.db.query(sql, params);
    const counts = counted.map(() => 0);
    for (const r of rows) counts[Number(r.i)] = Number(r.n);
    if (counts.some((n) => n === 0)) return [];
    return counted
      .map((term, i) => ({ term, n: counts[i] }))
      .sort((a, b) => a.n - b.n || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
      .slice(0, MAX_KEY_TERMS)
      .map((x) => x.term);
  }
}
