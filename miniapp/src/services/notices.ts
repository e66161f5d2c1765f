import type { Domain, NoticeCardDto, NoticeDetailDto, NoticeKind, NoticeVersionDto, NoticeVersionSummaryDto, Page } from '@sunboard/shared';
import { absoluteUrl } from '../lib/files';
import { apiBase, http } from './http';

export interface NoticeFeedParams {
  regionId?: number;
  domain?: Domain;
  kind?: NoticeKind;
  /** Search words (≤ 50 characters): the same feed, best matches first. */
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** Published notices of the region and the regions above it; urgent and pinned first. */
export function listNotices(params: NoticeFeedParams): Promise<Page<NoticeCardDto>> {
  return http.get<Page<NoticeCardDto>>('/api/notices', { ...params, cursor: params.cursor ?? undefined });
}

const idPath = (id: number) => `/api/notices/${encodeURIComponent(String(id))}`;

export function getNotice(id: number): Promise<NoticeDetailDto> {
  return http.get<NoticeDetailDto>(idPath(id));
}

/** The published versions of a notice, oldest first (a correction adds one). */
export async function listNoticeVersions(id: number): Promise<NoticeVersionSummaryDto[]> {
  const res = await http.get<{ items: NoticeVersionSummaryDto[] }>(`${idPath(id)}/versions`);
  return res.items;
}

export function getNoticeVersion(id: number, version: number): Promise<NoticeVersionDto> {
  return http.get<NoticeVersionDto>(`${idPath(id)}/versions/${encodeURIComponent(String(version))}`);
}

/** The notice's mini-program code (PNG) for the notice board. */
export function noticeQrcodeUrl(id: number): string {
  return absoluteUrl(apiBase, `${idPath(id)}/qrcode`);
}

/** The printable A4 poster (PDF) with the title, the key elements and the code. */
export function noticePosterUrl(id: number): string {
  return absoluteUrl(apiBase, `${idPath(id)}/poster.pdf`);
}
