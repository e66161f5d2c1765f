import type { Domain, NoticeCardDto, NoticeDetailDto, NoticeKind, Page } from '@sunboard/shared';
import { http } from './http';

export interface NoticeFeedParams {
  regionId?: number;
  domain?: Domain;
  kind?: NoticeKind;
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** Published notices of the region and the regions above it; urgent and pinned first. */
export function listNotices(params: NoticeFeedParams): Promise<Page<NoticeCardDto>> {
  return http.get<Page<NoticeCardDto>>('/api/notices', { ...params, cursor: params.cursor ?? undefined });
}

export function getNotice(id: number): Promise<NoticeDetailDto> {
  return http.get<NoticeDetailDto>(`/api/notices/${encodeURIComponent(String(id))}`);
}
