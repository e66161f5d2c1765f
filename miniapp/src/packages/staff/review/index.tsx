import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { StaffNoticeCardDto } from '@sunboard/shared';
import { useCallback } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { useCursorList } from '../../../hooks/useCursorList';
import { ROUTES } from '../../../lib/routes';
import { listStaffNotices } from '../../../services/staff-notices';
import { ListFooter } from '../shared/ListFooter';
import { StaffGate } from '../shared/StaffGate';
import { StaffNoticeCard } from '../shared/StaffNoticeCard';
import styles from '../shared/staff.module.scss';

type Mode = 'pending_review' | 'published';

const open = (n: StaffNoticeCardDto) => void Taro.navigateTo({ url: ROUTES.staffNotice(n.id) });

/** The review queue (submitted notices in my scope) or, with ?status=published, what is published (知晓率). */
function Queue({ mode }: { mode: Mode }) {
  const fetchPage = useCallback((cursor: string | null) => listStaffNotices({ status: mode, cursor, limit: 20 }), [mode]);
  const list = useCursorList(fetchPage, mode, true);
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

  if (list.loading && !list.loaded) return <SkeletonList text='正在加载…' />;
  if (list.error && !list.items.length) return <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  if (list.loaded && !list.items.length) {
    return mode === 'pending_review' ? (
      <EmptyState title='没有待审核的公开信息' text='辖区内提交审核的公开信息会出现在这里。下拉可以刷新。' />
    ) : (
      <EmptyState title='辖区内还没有已发布的公开信息' />
    );
  }
  return (
    <View className={styles.page}>
      <Text className={styles.muted}>{mode === 'pending_review' ? '点开逐条审核：完成保密审查后同意发布，或写明理由退回。' : '点开查看已读人数和知晓率。'}</Text>
      <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': mode === 'pending_review' ? '待审核列表' : '已发布列表' })}>
        {list.items.map((n) => (
          <View key={n.id} {...h5Attrs({ role: 'listitem' })}>
            <StaffNoticeCard notice={n} onOpen={open} showAuthor />
          </View>
        ))}
      </View>
      <ListFooter list={list} />
    </View>
  );
}

export default function StaffReviewPage() {
  const { params } = useRouter();
  const mode: Mode = params.status === 'published' ? 'published' : 'pending_review';
  return (
    <PageRoot title={mode === 'published' ? '已发布与知晓率' : '审核'}>
      <SessionGate>
        {mode === 'published' ? (
          <StaffGate>
            <Queue mode={mode} />
          </StaffGate>
        ) : (
          <StaffGate roles={['reviewer', 'admin']}>
            <Queue mode={mode} />
          </StaffGate>
        )}
      </SessionGate>
    </PageRoot>
  );
}
