import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { ConsultationCardDto } from '@sunboard/shared';
import { useCallback } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { useCursorList } from '../../../hooks/useCursorList';
import { ROUTES } from '../../../lib/routes';
import { listConsultations } from '../../../services/consultations';
import { ListFooter } from '../../staff/shared/ListFooter';
import { ConsultationCard } from '../shared/parts';
import styles from '../shared/consultation.module.scss';

const open = (c: { id: number }) => void Taro.navigateTo({ url: ROUTES.consultationDetail(c.id) });

/** 征求意见: drafts of my community and the regions above it, open ones first with a countdown. */
function ConsultationList() {
  const fetchPage = useCallback((cursor: string | null) => listConsultations({ cursor, limit: 20 }), []);
  const list = useCursorList<ConsultationCardDto>(fetchPage, 'consultations', true);
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  let body;
  if (list.loading && !list.loaded) body = <SkeletonList text='正在加载征求意见…' />;
  else if (list.error && !list.items.length) body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  else if (list.loaded && !list.items.length) body = <EmptyState title='暂时没有征求意见' text='社区、村里有事项征求大家意见时，会显示在这里。' />;
  else
    body = (
      <>
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '征求意见列表' })}>
          {list.items.map((c) => (
            <View key={c.id} {...h5Attrs({ role: 'listitem' })}>
              <ConsultationCard item={c} onOpen={open} />
            </View>
          ))}
        </View>
        <ListFooter list={list} />
      </>
    );
  return (
    <View className={styles.page}>
      <Text className={styles.muted}>对草案逐条发表意见，截止后工作人员会逐条答复采纳情况。</Text>
      <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.myComments })}>
        我的意见
      </Pressable>
      {body}
    </View>
  );
}

export default function ConsultationListPage() {
  return (
    <PageRoot title='征求意见'>
      <SessionGate>
        <ConsultationList />
      </SessionGate>
    </PageRoot>
  );
}
