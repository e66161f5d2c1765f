import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { CaseDetailDto, CaseSummaryDto } from '@sunboard/shared';
import { useCallback, useRef, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { useCursorList } from '../../../hooks/useCursorList';
import { ROUTES } from '../../../lib/routes';
import { listMyCases } from '../../../services/cases';
import { ListFooter } from '../../staff/shared/ListFooter';
import { CaseCard } from '../shared/CaseCard';
import styles from '../shared/cases.module.scss';
import { ClaimCaseForm } from './ClaimForm';

const open = (c: { id: number }) => void Taro.navigateTo({ url: ROUTES.caseDetail(c.id) });

/** 我的办件: my applications, newest first, each with its status and the step being handled; 认领 by case number. */
function MyCases({ startWithClaim }: { startWithClaim: boolean }) {
  const fetchPage = useCallback((cursor: string | null) => listMyCases({ cursor, limit: 20 }), []);
  const list = useCursorList<CaseSummaryDto>(fetchPage, 'mine', true);
  const [claiming, setClaiming] = useState(startWithClaim);
  const seen = useRef(false);
  // Back from a case: show what changed (the first page loads on mount).
  useDidShow(() => {
    if (seen.current && list.loaded && !list.loading) void list.refresh();
    seen.current = true;
  });
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  const claimed = (c: CaseDetailDto) => {
    setClaiming(false);
    void Taro.showToast({ title: '认领成功', icon: 'success', duration: 2000 });
    void list.refresh();
    open(c);
  };

  const claimForm = claiming ? <ClaimCaseForm onClaimed={claimed} onCancel={list.items.length ? () => setClaiming(false) : undefined} /> : null;

  let body;
  if (list.loading && !list.loaded) body = <SkeletonList text='正在加载我的办件…' />;
  else if (list.error && !list.items.length) body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  else if (list.loaded && !list.items.length)
    body = claiming ? null : (
      <EmptyState title='还没有办件' text='在社区、村里提交低保、补贴等申请后，凭受理回执上的办件编号认领，就能在这里查看进度。'>
        <Pressable className={styles.primary} onPress={() => setClaiming(true)}>
          认领办件
        </Pressable>
      </EmptyState>
    );
  else
    body = (
      <>
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '我的办件' })}>
          {list.items.map((c) => (
            <View key={c.id} {...h5Attrs({ role: 'listitem' })}>
              <CaseCard item={c} onOpen={open} />
            </View>
          ))}
        </View>
        <ListFooter list={list} />
      </>
    );

  return (
    <View className={styles.page}>
      {claimForm}
      {!claiming && list.items.length ? (
        <Pressable className={styles.secondary} onPress={() => setClaiming(true)}>
          认领办件（凭受理回执）
        </Pressable>
      ) : null}
      {body}
    </View>
  );
}

export default function MyCasesPage() {
  const { params } = useRouter();
  return (
    <PageRoot title='我的办件'>
      <SessionGate>
        <MyCases startWithClaim={params.claim === '1'} />
      </SessionGate>
    </PageRoot>
  );
}
