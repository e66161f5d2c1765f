import type { NoticeCardDto, RegionRefDto } from '@sunboard/shared';
import type { Notice } from './notice.entity';
import { BODY_HEAD_CHARS, type CardRow } from './notice-feed.sql';
import { summarize } from './notice-html';
import { toNoticeCardDto } from './notice.mapper';
import { publicityEnded } from './notice-content';
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

/**
 * Whether residents may see the row now: published, and not a 公示 whose period has ended (it is
 * gone for residents before the expiry job marks it expired; the detail answers 404 then). The
 * index ranges cannot tell the latter, so it is checked on the few rows a page loads.
 */
export function visibleToResidents(row: CardRow, now = new Date()): boolean {
  return row.status === 'published' && !publicityEnded({ kind: row.kind as Notice['kind'], publicityEndsAt: fromSqlTime(row.publicity_ends_at) }, now);
}

/** The fields the card mapper reads, from a raw card row (the body: its start, see trimBodyHead). */
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
    publicityEndsAt: fromSqlTime(row.publicity_ends_at),
  } as Notice;
}

/**
 * Card summaries by notice id, valid while the notice's updated_at (and body length) stay the same.
 * Making a summary (HTML → paragraphs → plain text) is most of the CPU a feed page costs in this
 * process, and the same notices head every resident's feed; 5,000 entries are about 2 MB.
 */
const SUMMARY_CACHE_SIZE = 5000;
const summaries = new Map<number, { stamp: string; summary: string }>();

export function cardSummary(row: CardRow): string {
  const id = Number(row.id);
  const stamp = `${fromSqlTime(row.updated_at)?.getTime() ?? ''}:${row.body_head?.length ?? 0}`;
  const hit = summaries.get(id);
  if (hit && hit.stamp === stamp) {
    // Most recently used last: Map iteration order is insertion order.
    summaries.delete(id);
    summaries.set(id, hit);
    return hit.summary;
  }
  const summary = summarize(trimBodyHead(row.body_head ?? ''));
  summaries.set(id, { stamp, summary });
  if (summaries.size > SUMMARY_CACHE_SIZE) summaries.delete(summaries.keys().next().value as number);
  return summary;
}

/** The card DTO (notice.mapper's toNoticeCardDto), its summary from the cache. */
export function toCardDto(row: CardRow, refs: Map<number, RegionRefDto>): NoticeCardDto {
  const summary = cardSummary(row);
  return { ...toNoticeCardDto(cardNotice({ ...row, body_head: '' }), refs), summary };
}
