/**
 * The message centre (消息): item shapes as the app uses them, where tapping an item leads, the
 * badge text, and marking items read in the list without refetching it.
 */
export interface InboxItem {
  id: number;
  type: string;
  title: string;
  body: string;
  /** A mini program page such as `packages/notice/detail/index?id=42`, or null. */
  page: string | null;
  noticeId: number | null;
  createdAt: string;
  readAt: string | null;
}

/** The tab badge: a number, `99+` above 99, nothing at 0. */
export function unreadBadgeText(count: number): string | null {
  if (!Number.isFinite(count) || count <= 0) return null;
  return count > 99 ? '99+' : String(Math.floor(count));
}

/** 消息 with the count in words for the page heading: `3 条未读`. */
export function unreadWords(count: number): string {
  return count > 0 ? `${count > 99 ? '99+' : count} 条未读` : '没有未读消息';
}

const PAGE_PATTERN = /^\/?(pages|packages)\/[A-Za-z0-9_/-]+(\?[A-Za-z0-9_=&%.-]*)?$/;

/**
 * Where tapping an item goes: the notice when it names one, else its page when that is one of
 * the app's own pages (a leading `/` added), else nowhere.
 */
export function inboxTarget(item: Pick<InboxItem, 'noticeId' | 'page'>, noticeRoute: (id: number) => string): string | null {
  if (item.noticeId && Number.isSafeInteger(item.noticeId) && item.noticeId > 0) return noticeRoute(item.noticeId);
  const page = item.page?.trim();
  if (page && PAGE_PATTERN.test(page)) return page.startsWith('/') ? page : `/${page}`;
  return null;
}

export function markReadLocally<T extends Pick<InboxItem, 'id' | 'readAt'>>(items: ReadonlyArray<T>, id: number, at: string): T[] {
  return items.map((i) => (i.id === id && !i.readAt ? { ...i, readAt: at } : i));
}

export function markAllReadLocally<T extends Pick<InboxItem, 'readAt'>>(items: ReadonlyArray<T>, at: string): T[] {
  return items.map((i) => (i.readAt ? i : { ...i, readAt: at }));
}

/** What kind of message it is, as a text label. */
export const INBOX_TYPE_LABELS: Record<string, string> = {
  notice_published: '新公开信息',
  case_progress: '办件进度',
  consultation_opened: '征求意见',
  consultation_closing: '征求意见即将截止',
  consultation_result: '征求意见结果',
  rating_reply: '评价回复',
  case_overdue: '办件超期',
  followup_overdue: '差评跟进超期',
};

export function inboxTypeLabel(type: string): string {
  return INBOX_TYPE_LABELS[type] ?? '消息';
}
