import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { StaffNoticeCardDto } from '@sunboard/shared';
import { useCallback } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { useCursorList } from '../../../hooks/useCursorList';
import { ROUTES } from '../../../lib/routes';
import { listStaffNotices } from '../../../services/staff-notices';
import { ListFooter } from '../shared/ListFooter';
import { StaffGate } from '../shared/StaffGate';
import { StaffNoticeCard } from '../shared/StaffNoticeCard';
import styles from '../shared/staff.module.scss';

/** A draft opens in the editor; anything already submitted opens its workflow page. */
const open = (n: StaffNoticeCardDto) =>
  void Taro.navigateTo({ url: n.status === 'draft' ? ROUTES.staffCompose(n.id) : ROUTES.staffNotice(n.id) });

/** 我的草稿: everything I wrote, newest first, with its status in words and any rejection reason. */
function Drafts() {
  const fetchPage = useCallback((cursor: string | null) => listStaffNotices({ mine: true, cursor, limit: 20 }), []);
  const list = useCursorList(fetchPage, 'mine', true);
  // Back from the editor or a review: show what changed (the first page loads on mount).
  useDidShow(() => {
    if (list.loaded && !list.loading) void list.refresh();
  });
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  let body;
  if (list.loading && !list.loaded) body = <SkeletonList text='正在加载我的草稿…' />;
  else if (list.error && !list.items.length) body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  else if (list.loaded && !list.items.length) body = <EmptyState title='还没有写过公开信息' text='点上方“发布公开信息”开始写第一条。' />;
  else
    body = (
      <>
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '我的公开信息' })}>
          {list.items.map((n) => (
            <View key={n.id} {...h5Attrs({ role: 'listitem' })}>
              <StaffNoticeCard notice={n} onOpen={open} />
            </View>
          ))}
        </View>
        <ListFooter list={list} />
      </>
    );

  return (
    <View className={styles.page}>
      <Pressable className={styles.primary} onPress={() => void Taro.navigateTo({ url: ROUTES.staffCompose() })}>
        发布公开信息
      </Pressable>
      {body}
    </View>
  );
}

export default function StaffDraftsPage() {
  return (
    <PageRoot title='我的草稿'>
      <SessionGate>
        <StaffGate>
          <Drafts />
        </StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
