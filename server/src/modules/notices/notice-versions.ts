import type { NoticeVersionDto, NoticeVersionSummaryDto } from '@sunboard/shared';
import { canonicalJson } from '../audit/audit-digest';
import type { NoticeContent } from './notice-content';
import type { NoticeVersion } from './notice-version.entity';
import { sanitizeNoticeHtml } from './notice-html';

/** The snapshot column of a version: the content as canonical JSON (the same text the register digests). */
export function snapshotOf(content: NoticeContent): string {
  return canonicalJson(content);
}

export function parseSnapshot(raw: string): NoticeContent | null {
  try {
    const v = JSON.parse(raw) as NoticeContent;
    return v && typeof v === 'object' && typeof v.title === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function toVersionSummaryDto(row: Pick<NoticeVersion, 'version' | 'createdAt'>, currentVersion: number): NoticeVersionSummaryDto {
  return { version: row.version, publishedAt: row.createdAt.toISOString(), current: row.version === currentVersion };
}

/** An old version as it read when it was published: the elements, without attachments or table. */
export function toVersionDto(noticeId: number, version: number, publishedAt: Date, current: boolean, c: NoticeContent): NoticeVersionDto {
  return {
    noticeId,
    version,
    publishedAt: publishedAt.toISOString(),
    current,
    title: c.title,
    body: sanitizeNoticeHtml(c.body ?? ''),
    basis: c.basis,
    timeLimit: c.timeLimit,
    publisher: c.publisher,
    method: c.method,
    channels: c.channels ?? [],
    audience: c.audience,
    domain: c.domain,
    category: c.category,
    kind: c.kind,
    docNo: c.docNo ?? null,
    indexNo: c.indexNo ?? null,
    validFrom: c.validFrom ?? null,
    validUntil: c.validUntil ?? null,
    publicityStartsAt: c.publicityStartsAt ?? null,
    publicityEndsAt: c.publicityEndsAt ?? null,
    guide: c.guide ?? null,
  };
}
