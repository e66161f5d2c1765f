import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NoticeCardDto, NoticeFeedQuery, Page } from '@sunboard/shared';
import type { Notice, NoticeGuide } from '../notice.entity';
import { publicityEnded } from '../notice-content';
import { toCardDto } from '../notice-card.row';
import type { CardRow, SqlDialect } from '../notice-feed.sql';
import type { FeedScope } from '../notice-scope';
import { containsAllWords } from './notice-search-document';
import { type SearchKey, searchPassSql, searchRowsSql, termCountsSql } from './notice-search.sql';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { parseSearchQuery } from './search-terms';
import { fromSqlTime, toSqlTime } from './sql-time';

/** Terms whose postings are counted to pick the rarest; a longer query's other words are left to the phrase check. */
const MAX_COUNTED_TERMS = 16;
/** The rarest terms the index intersects (the driver + probes); they also define the title tier. */
const MAX_KEY_TERMS = 6;
/** Candidates examined per request at most: a page may come back short, with a cursor to go on. */
const MAX_EXAMINED = 600;

type TextRow = CardRow & {
  body?: string;
  basis?: string;
  time_limit?: string;
  doc_no?: string | null;
  index_no?: string | null;
  guide?: string | null;
};

interface Candidate {
  id: number;
  publishedAt: Date;
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

/**
 * Chinese search over the inverted index `notice_term` (see the NoticeSearch migration and
 * docs/performance.md). A query's words must all occur in the notice (title, body as plain text,
 * elements). Plan:
 * 1. tokenise the query (search-terms.ts); with several terms, count each one's postings, capped —
 *    a term nobody used ends the search here, after one index probe per term;
 * 2. drive from the rarest term, probing the other key terms by primary key, one index range per
 *    region of the scope: first the title pass (every key term in the title), then the rest, each
 *    newest first;
 * 3. load the few candidates and, unless one term decides the match by itself, check every word as
 *    a substring of the notice's normalised text.
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
    let tier: 0 | 1 = cursor?.tier ?? 1;
    let after: SearchKey | null = cursor ? { publishedAt: toSqlTime(cursor.publishedAt), id: cursor.id } : null;
    const found: Array<{ tier: 0 | 1; row: CardRow; publishedAt: Date }> = [];
    let examined = 0;
    let lastExamined: { tier: 0 | 1; publishedAt: Date; id: number } | null = null;
    let truncated = false;

    while (found.length <= query.limit) {
      const { sql, params } = searchPassSql(this.dialect, {
        driver,
        others,
        regionIds: scope.regionIds,
        tier,
        asOf: toSqlTime(asOf),
        after,
        domain: query.domain,
        kind: query.kind,
        take,
      });
      const batch = this.mergeCandidates(await this.db.query(sql, params), take);
      const rows = batch.length ? await this.loadRows(batch.map((c) => c.id), verify) : new Map<number, TextRow>();
      for (const c of batch) {
        examined++;
        lastExamined = { tier, publishedAt: c.publishedAt, id: c.id };
        const row = rows.get(c.id);
        // A stale index row (not published, or a 公示 whose period has ended) never shows.
        if (!row || row.status !== 'published' || publicityEnded({ kind: row.kind as Notice['kind'], publicityEndsAt: fromSqlTime(row.publicity_ends_at) })) continue;
        if (verify && !containsAllWords(this.searchable(row), parsed.words)) continue;
        found.push({ tier, row, publishedAt: c.publishedAt });
        if (found.length > query.limit) break;
      }
      if (found.length > query.limit) break;
      if (batch.length < take) {
        // This pass is exhausted: the title pass goes on with the rest, the last pass ends the search.
        if (tier === 0) break;
        tier = 0;
        after = null;
      } else {
        const last = batch[batch.length - 1];
        after = { publishedAt: toSqlTime(last.publishedAt), id: last.id };
      }
      if (examined >= MAX_EXAMINED) {
        truncated = true;
        break;
      }
    }

    const items = found.slice(0, query.limit);
    let nextCursor: string | null = null;
    if (found.length > query.limit) {
      const last = items[items.length - 1];
      nextCursor = encodeSearchCursor({ tier: last.tier, publishedAt: last.publishedAt, id: Number(last.row.id), asOf });
    } else if (truncated && lastExamined) {
      nextCursor = encodeSearchCursor({ ...lastExamined, asOf });
    }
    return { items: items.map((f) => toCardDto(f.row, scope.refs)), nextCursor };
  }

  /**
   * The terms the index intersects, rarest first (the first drives the walk); none when a term has
   * no postings at all. One term needs no counting: the passes themselves end at the first probe.
   */
  private async keyTerms(terms: string[]): Promise<string[]> {
    if (terms.length === 1) return terms;
    const counted = terms.slice(0, MAX_COUNTED_TERMS);
    const counts = await this.termCounts(counted);
    if (counts.some((n) => n === 0)) return [];
    return counted
      .map((term, i) => ({ term, n: counts[i] }))
      .sort((a, b) => a.n - b.n || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
      .slice(0, MAX_KEY_TERMS)
      .map((x) => x.term);
  }

  private async termCounts(terms: string[]): Promise<number[]> {
    const { sql, params } = termCountsSql(this.dialect, terms);
    const rows: Array<{ i: number | string; n: number | string }> = await this.db.query(sql, params);
    const out = terms.map(() => 0);
    for (const r of rows) out[Number(r.i)] = Number(r.n);
    return out;
  }

  /** The union's rows, newest first then by id, cut to `take` (beyond it another branch may hold newer rows). */
  private mergeCandidates(raw: Array<{ id: number | string; published_at: unknown }>, take: number): Candidate[] {
    return raw
      .map((r) => ({ id: Number(r.id), publishedAt: fromSqlTime(r.published_at) ?? new Date(0) }))
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id)
      .slice(0, take);
  }

  private async loadRows(ids: number[], withText: boolean): Promise<Map<number, TextRow>> {
    const { sql, params } = searchRowsSql(ids, withText);
    const rows: TextRow[] = await this.db.query(sql, params);
    return new Map(rows.map((r) => [Number(r.id), r]));
  }

  private searchable(row: TextRow) {
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
}
