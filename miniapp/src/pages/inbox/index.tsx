import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { h5Attrs } from '../../components/a11y';
import { PageRoot } from '../../components/PageRoot';
import { Pressable } from '../../components/Pressable';
import { SessionGate } from '../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../components/StateView';
import { refreshInboxUnread, setInboxUnread, useInboxBadge } from '../../hooks/useInboxBadge';
import { useCursorList } from '../../hooks/useCursorList';
import { describeError } from '../../lib/api-error';
import { inboxTarget, unreadWords, type InboxItem } from '../../lib/inbox';
import { ROUTES } from '../../lib/routes';
import { listInbox, markAllInboxRead, markInboxRead } from '../../services/inbox';
import { useSession } from '../../stores/session';
import { InboxItemCard } from './InboxItemCard';
import styles from './index.module.scss';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });
const openSettings = () => void Taro.navigateTo({ url: ROUTES.subscriptionSettings });

/** Read marks made here, laid over the fetched list until the next refresh. */
interface ReadOverlay {
  ids: Record<number, string>;
  allAt: string | null;
}
const NO_OVERLAY: ReadOverlay = { ids: {}, allAt: null };

function withOverlay(items: InboxItem[], o: ReadOverlay): InboxItem[] {
  if (!o.allAt && !Object.keys(o.ids).length) return items;
  return items.map((i) => (i.readAt ? i : { ...i, readAt: o.ids[i.id] ?? o.allAt ?? null }));
}

function Messages({ unread }: { unread: number | null }) {
  const fetchPage = useCallback((cursor: string | null) => listInbox({ cursor, limit: 20 }), []);
  const list = useCursorList(fetchPage, 'inbox', true);
  const [overlay, setOverlay] = useState<ReadOverlay>(NO_OVERLAY);
  const [markingAll, setMarkingAll] = useState(false);
  const firstShow = useRef(true);

  const refresh = useCallback(async () => {
    await list.refresh();
    setOverlay(NO_OVERLAY);
    await refreshInboxUnread();
  }, [list]);

  // Coming back to the tab (or from a message): newest messages and read marks from the server.
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    void refresh();
  });
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  const items = withOverlay(list.items, overlay);

  const open = (item: InboxItem) => {
    if (!item.readAt) {
      const now = new Date().toISOString();
      setOverlay((o) => ({ ...o, ids: { ...o.ids, [item.id]: now } }));
      if (unread !== null) setInboxUnread(unread - 1);
      markInboxRead(item.id)
        .catch(() => undefined)
        .finally(() => void refreshInboxUnread());
    }
    const url = inboxTarget(item, ROUTES.noticeDetail);
    if (url) void Taro.navigateTo({ url });
  };

  const markAll = async () => {
    setMarkingAll(true);
    try {
      await markAllInboxRead();
      setOverlay((o) => ({ ...o, allAt: new Date().toISOString() }));
      setInboxUnread(0);
      toast('已全部标为已读');
    } catch (err) {
      toast(describeError(err));
    } finally {
      setMarkingAll(false);
    }
  };

  const header = (
    <View className={styles.head}>
      <View className={styles.headTexts}>
        <Text className={styles.title} {...h5Attrs({ role: 'heading', 'aria-level': 1 })}>
          消息
        </Text>
        <Text className={styles.count} {...h5Attrs({ 'aria-live': 'polite' })}>
          {unread === null ? '' : unreadWords(unread)}
        </Text>
      </View>
      <View className={styles.headActions}>
        <Pressable className={styles.headButton} disabled={markingAll || !unread} onPress={() => void markAll()}>
          {markingAll ? '正在标记…' : '全部已读'}
        </Pressable>
        <Pressable className={styles.headButton} onPress={openSettings}>
          订阅设置
        </Pressable>
      </View>
    </View>
  );

  let body;
  if (list.loading && !list.loaded) {
    body = <SkeletonList text='正在加载消息…' />;
  } else if (list.error && items.length === 0) {
    body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  } else if (list.loaded && items.length === 0) {
    body = (
      <EmptyState title='暂无消息' text='社区发布您订阅的公开信息、办件有进展时，提醒会显示在这里。'>
        <Pressable className={styles.emptyAction} onPress={openSettings}>
          去订阅设置
        </Pressable>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '消息列表' })}>
          {items.map((item) => (
            <View key={item.id} {...h5Attrs({ role: 'listitem' })}>
              <InboxItemCard item={item} onOpen={open} />
            </View>
          ))}
        </View>
        <View className={styles.footer} {...h5Attrs({ 'aria-live': 'polite' })}>
          {list.loadingMore ? <Text>正在加载更多…</Text> : null}
          {list.moreError ? <Text>{list.moreError}</Text> : null}
          {list.hasMore && !list.loadingMore ? (
            <Pressable className={styles.more} onPress={() => void list.loadMore()}>
              {list.moreError ? '重试加载更多' : '加载更多'}
            </Pressable>
          ) : null}
          {!list.hasMore && items.length > 0 ? <Text>没有更多了</Text> : null}
        </View>
      </>
    );
  }

  return (
    <View>
      {header}
      {body}
    </View>
  );
}

/** 消息: the message centre. Newest first; tap opens the message (and marks it read). */
export default function InboxPage() {
  const unread = useInboxBadge();
  const ready = useSession((s) => s.status === 'ready');
  return (
    <PageRoot title='消息'>
      <SessionGate>{ready ? <Messages unread={unread} /> : null}</SessionGate>
    </PageRoot>
  );
}
