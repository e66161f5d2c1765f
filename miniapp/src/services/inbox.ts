import type { InboxItemDto, InboxReadAllDto, InboxUnreadDto, Page } from '@sunboard/shared';
import { http } from './http';

/** The message centre (`/api/inbox`): newest first, cursor pages. */
export function listInbox(params: { cursor?: string | null; limit?: number }): Promise<Page<InboxItemDto>> {
  return http.get<Page<InboxItemDto>>('/api/inbox', { cursor: params.cursor ?? undefined, limit: params.limit });
}

export async function getUnreadCount(): Promise<number> {
  const res = await http.get<InboxUnreadDto>('/api/inbox/unread-count');
  return Number(res.unread) || 0;
}

export function markInboxRead(id: number): Promise<InboxItemDto> {
  return http.post<InboxItemDto>(`/api/inbox/${encodeURIComponent(String(id))}/read`, {});
}

export function markAllInboxRead(): Promise<InboxReadAllDto> {
  return http.post<InboxReadAllDto>('/api/inbox/read-all', {});
}
