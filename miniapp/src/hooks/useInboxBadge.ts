import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { create } from 'zustand';
import { unreadBadgeText } from '../lib/inbox';
import { getUnreadCount } from '../services/inbox';
import { useSession } from '../stores/session';

/** Index of 消息 in the tab bar (app.config.ts). */
export const INBOX_TAB_INDEX = 1;

interface UnreadState {
  /** null until first fetched. */
  count: number | null;
}

/** The unread count of the message centre, shared by the tab pages (not persisted). */
export const useInboxUnread = create<UnreadState>()(() => ({ count: null }));

let shownText: string | null | undefined;

/** Puts the count on the 消息 tab (a number; the inbox page also says it in words). */
function applyBadge(count: number | null, force = false): void {
  const text = unreadBadgeText(count ?? 0);
  if (!force && text === shownText) return;
  shownText = text;
  const done = () => undefined;
  if (text) Taro.setTabBarBadge({ index: INBOX_TAB_INDEX, text }).catch(done);
  else Taro.removeTabBarBadge({ index: INBOX_TAB_INDEX }).catch(done);
}

useInboxUnread.subscribe((s) => applyBadge(s.count));

export function setInboxUnread(count: number): void {
  useInboxUnread.setState({ count: Math.max(0, count) });
}

let inFlight: Promise<number | null> | null = null;

/** Fetches the unread count (single-flight); keeps the last one on failure. */
export function refreshInboxUnread(): Promise<number | null> {
  if (useSession.getState().status !== 'ready') return Promise.resolve(useInboxUnread.getState().count);
  inFlight ??= getUnreadCount()
    .then((n) => {
      setInboxUnread(n);
      return n;
    })
    .catch(() => useInboxUnread.getState().count)
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/**
 * For the tab pages: refreshes the unread count whenever the page shows (and once signed in), and
 * keeps the 消息 tab badge in step. Answers the current count (null until known).
 */
export function useInboxBadge(): number | null {
  const ready = useSession((s) => s.status === 'ready');
  const count = useInboxUnread((s) => s.count);
  useEffect(() => {
    if (ready) void refreshInboxUnread();
  }, [ready]);
  useDidShow(() => {
    // h5: the tab bar may have been rebuilt since; put the badge back, then refresh.
    applyBadge(useInboxUnread.getState().count, true);
    void refreshInboxUnread();
  });
  return count;
}
