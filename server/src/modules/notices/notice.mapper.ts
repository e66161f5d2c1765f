import { CHANNELS, type Channel, type NoticeCardDto, type NoticeDetailDto, type RegionRefDto } from '@sunboard/shared';
import type { Notice, NoticeGuide } from './notice.entity';
import { sanitizeNoticeHtml, summarize } from './notice-html';

/**
 * The detail as the API sends it. `guide` (办事指南 fields, null for other kinds) is not yet in the
 * shared NoticeDetailDto; it belongs there (see the notices module report), and lives here until then.
 */
export interface NoticeDetailResponse extends NoticeDetailDto {
  guide: NoticeGuide | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A region the page's lookup did not return (deleted meanwhile): the card still renders. */
function regionOf(notice: Notice, regions: Map<number, RegionRefDto>): RegionRefDto {
  return regions.get(notice.regionId) ?? { id: notice.regionId, name: '', level: 'community', fullName: '' };
}

export function toNoticeCardDto(notice: Notice, regions: Map<number, RegionRefDto>): NoticeCardDto {
  return {
    id: notice.id,
    title: notice.title,
    summary: summarize(notice.body),
    kind: notice.kind,
    domain: notice.domain,
    region: regionOf(notice, regions),
    publisher: notice.publisher,
    publishedAt: iso(notice.publishedAt),
    urgent: !!notice.urgent,
    pinned: !!notice.pinned,
    status: notice.status,
  };
}

export function toNoticeDetailDto(notice: Notice, regions: Map<number, RegionRefDto>): NoticeDetailResponse {
  return {
    ...toNoticeCardDto(notice, regions),
    body: sanitizeNoticeHtml(notice.body),
    basis: notice.basis,
    timeLimit: notice.timeLimit,
    method: notice.method,
    channels: cleanChannels(notice.channels),
    audience: notice.audience,
    category: notice.category,
    docNo: notice.docNo,
    indexNo: notice.indexNo,
    validFrom: iso(notice.validFrom),
    validUntil: iso(notice.validUntil),
    publicityStartsAt: iso(notice.publicityStartsAt),
    publicityEndsAt: iso(notice.publicityEndsAt),
    interpretationId: notice.interpretationId,
    updatedAt: notice.updatedAt.toISOString(),
    guide: cleanGuide(notice.guide),
  };
}

function cleanChannels(value: unknown): Channel[] {
  return Array.isArray(value) ? value.filter((c): c is Channel => (CHANNELS as readonly unknown[]).includes(c)) : [];
}

function cleanGuide(value: unknown): NoticeGuide | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const g = value as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : []);
  return {
    conditions: str(g.conditions),
    materials: list(g.materials),
    steps: list(g.steps),
    placeAndTime: str(g.placeAndTime),
    consultPhone: str(g.consultPhone),
    complaintPhone: str(g.complaintPhone),
  };
}
