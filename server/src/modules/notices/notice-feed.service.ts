import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NoticeCardDto, NoticeFeedQuery, Page } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { toCardDto, visibleToResidents } from './notice-card.row';
import { decodeFeedCursor, encodeFeedCursor } from './notice-cursor';
import { type CardRow, cardRowsSql, type FeedKey, type FeedKeyRow, feedKeysSql, type SqlDialect } from './notice-feed.sql';
import { loadFeedScope } from './notice-scope';
import { NoticeSearchService } from './search/notice-search.service';
import { fromSqlTime, toSqlTime } from './search/sql-time';

const bit = (v: unknown) => (v === true || v === 1 || v === '1' ? 1 : 0);
const time = (v: unknown) => fromSqlTime(v)?.getTime() ?? 0;

/** Feed order: urgent, pinned, newest, id — all descending. */
export function compareFeedKeys(a: FeedKeyRow, b: FeedKeyRow): number {
  return bit(b.urgent) - bit(a.urgent) || bit(b.pinned) - bit(a.pinned) || time(b.published_at) - time(a.published_at) || Number(b.id) - Number(a.id);
}

/** What residents read: the published notices of a region and of every region above it. */
@Injectable()
export class NoticeFeedService {
  private readonly dialect: SqlDialect;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly search: NoticeSearchService,
  ) {
    this.dialect = db.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  /**
   * One page of the feed of `query.regionId` (default: the caller's home region), ordered urgent,
   * pinned, newest, id — all descending — with a keyset cursor on that same key (notice-cursor.ts);
   * with `q`, the search results instead (search/notice-search.service.ts). Three statements: the
   * region with its ancestors, the keys (one index range per region), the page's rows
   * (notice-feed.sql.ts). `published_at <= asOf` also keeps out rows without a publishing time, so
   * the keyset stays total.
   */
  async feed(query: NoticeFeedQuery, user: AuthUser | undefined): Promise<Page<NoticeCardDto>> {
    const regionId = query.regionId ?? user?.homeRegionId ?? null;
    if (regionId === null) throw AppError.field('regionId', '请提供 regionId，或先在“我的”中选择所在社区或村');
    if (query.q) return this.search.search(await loadFeedScope(this.db, regionId), { ...query, q: query.q });

    const cursor = query.cursor ? decodeFeedCursor(query.cursor) : null;
    const scope = await loadFeedScope(this.db, regionId);
    const asOf = cursor?.asOf ?? new Date();
    const now = new Date();
    const take = query.limit + 1;
    let after: FeedKey | null = cursor ? { urgent: cursor.urgent, pinned: cursor.pinned, publishedAt: toSqlTime(cursor.publishedAt), id: cursor.id } : null;
    const found: CardRow[] = [];

    // Normally one round: the keys, then the rows of the first limit + 1. A row residents may no
    // longer see (a 公示 that has just ended) is skipped and the next key taken in its place.
    while (found.length <= query.limit) {
      const { sql, params } = feedKeysSql(this.dialect, { regionIds: scope.regionIds, asOf: toSqlTime(asOf), domain: query.domain, kind: query.kind, after, take });
      const keys = ((await this.db.query(sql, params)) as FeedKeyRow[]).sort(compareFeedKeys).slice(0, take);
      for (let i = 0; i < keys.length && found.length <= query.limit; ) {
        const slice = keys.slice(i, i + take - found.length);
        i += slice.length;
        const rows = await this.rows(slice.map((k) => Number(k.id)));
        for (const k of slice) {
          const row = rows.get(Number(k.id));
          if (row && visibleToResidents(row, now)) found.push(row);
        }
      }
      if (keys.length < take) break;
      const last = keys[keys.length - 1];
      after = { urgent: bit(last.urgent) === 1, pinned: bit(last.pinned) === 1, publishedAt: toSqlTime(fromSqlTime(last.published_at)!), id: Number(last.id) };
    }

    const items = found.slice(0, query.limit);
    const last = items[items.length - 1];
    const lastAt = last ? fromSqlTime(last.published_at) : null;
    const nextCursor =
      found.length > query.limit && last && lastAt
        ? encodeFeedCursor({ urgent: bit(last.urgent) === 1, pinned: bit(last.pinned) === 1, publishedAt: lastAt, id: Number(last.id), asOf })
        : null;
    return { items: items.map((r) => toCardDto(r, scope.refs)), nextCursor };
  }

  private async rows(ids: number[]): Promise<Map<number, CardRow>> {
    const { sql, params } = cardRowsSql(ids);
    const rows = (await this.db.query(sql, params)) as CardRow[];
    return new Map(rows.map((r) => [Number(r.id), r]));
  }
}
