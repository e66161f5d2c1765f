import { type AttachmentDto, CHANNELS, type Channel, type NoticeCardDto, type NoticeDetailDto, type NoticeRefDto, type NoticeTableDto, type RegionRefDto } from '@sunboard/shared';
import type { Notice, NoticeGuide } from './notice.entity';
import { sanitizeNoticeHtml, summarize } from './notice-html';
import { publicityEnded } from './notice-content';

/** The detail as the API sends it (the shared NoticeDetailDto, guide included). */
export type NoticeDetailResponse = NoticeDetailDto;

/** What a detail shows beyond the notice row: uploads, the 公示 table and the linked interpretations. */
export interface NoticeDetailExtras {
  attachments: AttachmentDto[];
  table: NoticeTableDto | null;
  interpretation: NoticeRefDto | null;
  interprets: NoticeRefDto[];
}

export const NO_DETAIL_EXTRAS: NoticeDetailExtras = { attachments: [], table: null, interpretation: null, interprets: [] };

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
    // Read-time guard: a 公示 whose period has just ended reads as expired before the expiry job gets to it.
    status: notice.status === 'published' && publicityEnded(notice) ? 'expired' : notice.status,
  };
}

export function toNoticeDetailDto(notice: Notice, regions: Map<number, RegionRefDto>, extras: NoticeDetailExtras = NO_DETAIL_EXTRAS): NoticeDetailResponse {
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
    version: notice.version ?? 1,
    corrected: (notice.version ?? 1) > 1,
    attachments: extras.attachments,
    table: extras.table,
    interpretation: extras.interpretation,
    interprets: extras.interprets,
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
