import { cursorQuerySchema } from './common';
import type { PushMessageType } from './push';

/** `GET /api/inbox?cursor&limit`: the caller's messages, newest first. */
export const inboxQuerySchema = cursorQuerySchema;

/** One message in the app's message centre (消息). */
export interface InboxItemDto {
  id: number;
  type: PushMessageType;
  title: string;
  body: string;
  /** The mini-program page it opens (`packages/notice/detail/index?id=42`), if any. */
  page: string | null;
  noticeId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxUnreadDto {
  unread: number;
}

export interface InboxReadAllDto {
  /** Messages marked read by this call. */
  marked: number;
}
