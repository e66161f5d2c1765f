import Taro from '@tarojs/taro';
import { useEffect } from 'react';

/** Index of 消息 in the tab bar (app.config.ts). */
export const INBOX_TAB_INDEX = 1;

/**
 * The unread badge on the 消息 tab. The message centre comes later; until then the count is 0.
 * Badge text is a number, and the inbox page also says the count in words.
 */
export function useInboxBadge(unread: number): void {
  useEffect(() => {
    const done = () => undefined;
    if (unread > 0) {
      Taro.setTabBarBadge({ index: INBOX_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) }).catch(done);
    } else {
      Taro.removeTabBarBadge({ index: INBOX_TAB_INDEX }).catch(done);
    }
  }, [unread]);
}
