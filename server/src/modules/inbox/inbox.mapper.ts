import type { InboxItemDto } from '@sunboard/shared';
import type { InboxItem } from '../push/entities/inbox-item.entity';

export function toInboxItemDto(item: InboxItem): InboxItemDto {
  return {
    id: item.id,
    type: item.type,
    title: item.title,
    body: item.body,
    page: item.page,
    noticeId: item.noticeId,
    createdAt: item.createdAt.toISOString(),
    readAt: item.readAt ? item.readAt.toISOString() : null,
  };
}
