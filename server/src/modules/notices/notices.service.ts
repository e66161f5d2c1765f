import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type Repository } from 'typeorm';
import type { NoticeCardDto, NoticeFeedQuery, Page } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { pathIds } from '../regions/region.entity';
import { RegionsService } from '../regions/regions.service';
import { decodeFeedCursor, encodeFeedCursor } from './notice-cursor';
import { Notice } from './notice.entity';
import { type NoticeDetailResponse, toNoticeCardDto, toNoticeDetailDto } from './notice.mapper';

/** `%`, `_` and the escape character itself, escaped for `LIKE … ESCAPE '!'` (the same on MySQL and SQLite). */
function likePattern(q: string): string {
  return `%${q.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** What residents read: the published notices of a region and of every region above it. */
@Injectable()
export class NoticesService {
  constructor(
    @InjectRepository(Notice) private readonly notices: Repository<Notice>,
    private readonly regions: RegionsService,
  ) {}

  /**
   * One page of the feed of `query.regionId` (default: the caller's home region), ordered urgent,
   * pinned, newest, id — all descending — with a keyset cursor on that same key (see notice-cursor.ts).
   * `published_at <= asOf` also keeps out rows without a publishing time, so the keyset stays total.
   */
  async feed(query: NoticeFeedQuery, user: AuthUser | undefined): Promise<Page<NoticeCardDto>> {
    const regionId = query.regionId ?? user?.homeRegionId ?? null;
    if (regionId === null) throw AppError.field('regionId', '请提供 regionId，或先在“我的”中选择所在社区或村');
    const region = await this.regions.get(regionId, 'regionId');
    const regionIds = [...new Set([...pathIds(region.path), region.id])];

    const cursor = query.cursor ? decodeFeedCursor(query.cursor) : null;
    const asOf = cursor?.asOf ?? new Date();

    const qb = this.notices
      .createQueryBuilder('n')
      .where('n.status = :status', { status: 'published' })
      .andWhere('n.regionId IN (:...regionIds)', { regionIds })
      // The snapshot: a walk through the pages shows the feed as it was at its first page.
      .andWhere('n.publishedAt <= :asOf', { asOf });
    if (query.domain) qb.andWhere('n.domain = :domain', { domain: query.domain });
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    if (query.q) {
      // Interim search (issue 3 replaces it): a substring of the title or the body.
      qb.andWhere(`(n.title LIKE :like ESCAPE '!' OR n.body LIKE :like ESCAPE '!')`, { like: likePattern(query.q) });
    }
    if (cursor) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('n.urgent < :cu')
            .orWhere('(n.urgent = :cu AND n.pinned < :cp)')
            .orWhere('(n.urgent = :cu AND n.pinned = :cp AND n.publishedAt < :ct)')
            .orWhere('(n.urgent = :cu AND n.pinned = :cp AND n.publishedAt = :ct AND n.id < :cid)');
        }),
        { cu: cursor.urgent ? 1 : 0, cp: cursor.pinned ? 1 : 0, ct: cursor.publishedAt, cid: cursor.id },
      );
    }
    const rows = await qb
      .orderBy('n.urgent', 'DESC')
      .addOrderBy('n.pinned', 'DESC')
      .addOrderBy('n.publishedAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();

    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > query.limit && last?.publishedAt
        ? encodeFeedCursor({ urgent: !!last.urgent, pinned: !!last.pinned, publishedAt: last.publishedAt, id: last.id, asOf })
        : null;
    const refs = await this.regions.refs(items.map((n) => n.regionId));
    return { items: items.map((n) => toNoticeCardDto(n, refs)), nextCursor };
  }

  /** A published notice with its eight elements; anything else (draft, pending, withdrawn…) is 404 to the public. */
  async detail(id: number): Promise<NoticeDetailResponse> {
    const notice = await this.notices.findOneBy({ id, status: 'published' });
    if (!notice) throw AppError.notFound('公告');
    return toNoticeDetailDto(notice, await this.regions.refs([notice.regionId]));
  }
}
