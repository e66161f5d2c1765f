import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { NoticeReachDto, StaffNoticeDetailDto } from '@sunboard/shared';
import { useCallback, useEffect, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { describeError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { getNoticeReach, getStaffNotice } from '../../../services/staff-notices';
import { StaffGate } from '../shared/StaffGate';
import styles from '../shared/staff.module.scss';
import { DeliveryCard } from './DeliveryCard';
import { ReachCard } from './ReachCard';

function Reach({ id }: { id: number }) {
  const [data, setData] = useState<{ notice: StaffNoticeDetailDto; reach: NoticeReachDto } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      const [notice, reach] = await Promise.all([getStaffNotice(id), getNoticeReach(id)]);
      setData({ notice, reach });
    } catch (err) {
      setError(describeError(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!data) return <LoadingState text='正在统计知晓率…' />;
  const { notice, reach } = data;
  return (
    <View className={styles.page}>
      <View className={styles.section}>
        <Text className={styles.cardTitle} {...h5Attrs({ role: 'heading', 'aria-level': 1 })}>
          {notice.title}
        </Text>
        <Text className={styles.muted}>
          {notice.region.fullName} · {notice.publishedAt ? `发布于 ${formatDateTime(notice.publishedAt)}` : '尚未发布'}
        </Text>
      </View>
      <ReachCard reach={reach} />
      {notice.status !== 'draft' && notice.status !== 'pending_review' ? <DeliveryCard noticeId={id} /> : null}
      <Text className={styles.muted}>居民第一次打开这条信息时计入已读；下拉可刷新。</Text>
      <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.noticeDetail(id) })}>
        查看居民看到的页面
      </Pressable>
    </View>
  );
}

export default function StaffReachPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return (
    <PageRoot title='知晓率'>
      <SessionGate>
        <StaffGate>{Number.isSafeInteger(id) && id > 0 ? <Reach id={id} /> : <ErrorState message='找不到这条公开信息' />}</StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
