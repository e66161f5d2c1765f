import type { NoticeCardDto, RegionRefDto } from '@sunboard/shared';
import type { Notice } from './notice.entity';
import { BODY_HEAD_CHARS, type CardRow } from './notice-feed.sql';
import { toNoticeCardDto } from './notice.mapper';
import { fromSqlTime } from './search/sql-time';

const flag = (v: unknown) => v === true || v === 1 || v === '1';

/**
 * The start of a body cut at BODY_HEAD_CHARS may end inside a tag or an entity (`<p cla`, `&am`):
 * drop that tail so the summary never shows markup. A cut body has far more than the summary's 80
 * characters of text, so the summary is the same as the whole body's.
 */
export function trimBodyHead(head: string): string {
  if (head.length < BODY_HEAD_CHARS || [...head].length < BODY_HEAD_CHARS) return head;
  return head.replace(/<[^>]*$/, '').replace(/&[#a-zA-Z0-9]*$/, '');
}

/** The fields the card mapper reads, from a raw card row. */
export function cardNotice(row: CardRow): Notice {
  return {
    id: Number(row.id),
    title: row.title,
    body: trimBodyHead(row.body_head ?? ''),
    kind: row.kind,
    domain: row.domain,
    regionId: Number(row.region_id),
    publisher: row.publisher,
    publishedAt: fromSqlTime(row.published_at),
    urgent: flag(row.urgent),
    pinned: flag(row.pinned),
    status: row.status,
  } as Notice;
}

export function toCardDto(row: CardRow, refs: Map<number, RegionRefDto>): NoticeCardDto {
  return toNoticeCardDto(cardNotice(row), refs);
}
