import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { CASE_STATUS_LABELS, type CaseStatus, type CaseSummaryDto } from '@sunboard/shared';
import { useCallback, useRef, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { TextField } from '../../../components/TextField';
import { Toggle } from '../../../components/Toggle';
import { useCursorList } from '../../../hooks/useCursorList';
import { cx } from '../../../lib/cx';
import { ROUTES } from '../../../lib/routes';
import { listStaffCases } from '../../../services/cases';
import { ListFooter } from '../../staff/shared/ListFooter';
import { StaffGate } from '../../staff/shared/StaffGate';
import { CaseCard } from '../shared/CaseCard';
import styles from '../shared/cases.module.scss';

const STATUS_FILTERS: Array<{ value: CaseStatus | ''; label: string }> = [
  { value: '', label: '全部' },
  { value: 'open', label: CASE_STATUS_LABELS.open },
  { value: 'correction', label: CASE_STATUS_LABELS.correction },
  { value: 'finished', label: CASE_STATUS_LABELS.finished },
];

const open = (c: CaseSummaryDto) => void Taro.navigateTo({ url: ROUTES.caseDetail(c.id) });

/** 办件管理: the cases in my regions, by status, only the overdue ones, or found by number / name. */
function StaffCases() {
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const fetchPage = useCallback(
    (cursor: string | null) => listStaffCases({ status: status || undefined, overdue, q: q || undefined, cursor, limit: 20 }),
    [status, overdue, q],
  );
  const list = useCursorList<CaseSummaryDto>(fetchPage, `${status}|${overdue}|${q}`, true);
  const seen = useRef(false);
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

  const filtered = !!status || overdue || !!q;
  let body;
  if (list.loading && !list.loaded) body = <SkeletonList text='正在加载办件…' />;
  else if (list.error && !list.items.length) body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  else if (list.loaded && !list.items.length)
    body = <EmptyState title={filtered ? '没有符合条件的办件' : '还没有办件'} text={filtered ? (overdue ? '没有超期的办件。' : '换个条件试试。') : '点上方“登记新办件”，为来办事的居民登记申请。'} />;
  else
    body = (
      <>
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '办件列表' })}>
          {list.items.map((c) => (
            <View key={c.id} {...h5Attrs({ role: 'listitem' })}>
              <CaseCard item={c} onOpen={open} forStaff />
            </View>
          ))}
        </View>
        <ListFooter list={list} />
      </>
    );

  return (
    <View className={styles.page}>
      <Pressable className={styles.primary} onPress={() => void Taro.navigateTo({ url: ROUTES.staffOpenCase })}>
        登记新办件
      </Pressable>
      <View className={styles.section} {...h5Attrs({ role: 'search', 'aria-label': '筛选办件' })}>
        <View className={styles.chips} {...h5Attrs({ role: 'group', 'aria-label': '办件状态' })}>
          {STATUS_FILTERS.map((f) => (
            <Pressable key={f.value || 'all'} className={cx(styles.chip, status === f.value && styles.chipOn)} pressed={status === f.value} onPress={() => setStatus(f.value)}>
              {status === f.value ? `✓ ${f.label}` : f.label}
            </Pressable>
          ))}
        </View>
        <Toggle label='只看超期' description='本环节已超过办理时限的办件' checked={overdue} onChange={setOverdue} />
        <TextField id='case-search' label='查找办件' hint='办件编号或申请人姓名' value={search} maxLength={30} onChange={setSearch} onSubmit={() => setQ(search.trim())} />
        <View className={styles.row}>
          <Pressable className={styles.secondary} onPress={() => setQ(search.trim())}>
            查找
          </Pressable>
          {q ? (
            <Pressable
              className={styles.secondary}
              onPress={() => {
                setSearch('');
                setQ('');
              }}
            >
              清除查找
            </Pressable>
          ) : null}
        </View>
        {q ? <Text className={styles.muted}>正在查找“{q}”</Text> : null}
      </View>
      {body}
    </View>
  );
}

export default function StaffCasesPage() {
  return (
    <PageRoot title='办件管理'>
      <SessionGate>
        <StaffGate>
          <StaffCases />
        </StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
