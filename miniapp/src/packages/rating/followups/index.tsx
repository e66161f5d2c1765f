import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { FOLLOWUP_STATUS_LABELS, type FollowupStatus, type StaffFollowupDto } from '@sunboard/shared';
import { useCallback, useRef, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { dueLine, followupBadge, followupOverdueText, levelLabel, staffNotes } from '../../../components/RatingBar/rating-text';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { Toggle } from '../../../components/Toggle';
import { useCursorList } from '../../../hooks/useCursorList';
import { cx } from '../../../lib/cx';
import { ROUTES } from '../../../lib/routes';
import { listStaffFollowups } from '../../../services/ratings';
import { ListFooter } from '../../staff/shared/ListFooter';
import { StaffGate } from '../../staff/shared/StaffGate';
import { Badge } from '../shared/parts';
import styles from '../shared/rating.module.scss';

const STATUS_FILTERS: Array<{ value: FollowupStatus | ''; label: string }> = [
  { value: '', label: '全部' },
  { value: 'open', label: FOLLOWUP_STATUS_LABELS.open },
  { value: 'replied', label: FOLLOWUP_STATUS_LABELS.replied },
  { value: 'closed', label: FOLLOWUP_STATUS_LABELS.closed },
];

/**
 * A 差评 to follow up: its state in words, what was rated and how, by whom (masked name), and the
 * reply deadline. Overdue: a red frame AND the words 已超期 N 个工作日.
 */
function FollowupCard({ item }: { item: StaffFollowupDto }) {
  const badge = followupBadge(item);
  const late = followupOverdueText(item);
  return (
    <Pressable className={cx(styles.card, late && styles.cardOverdue)} onPress={() => void Taro.navigateTo({ url: ROUTES.staffFollowup(item.id) })}>
      <View className={styles.cardHead}>
        <Badge text={badge.text} tone={badge.tone} />
        {late ? <Badge text={late} tone='urgent' /> : null}
        {staffNotes(item).map((n) => (
          <Badge key={n} text={n} tone='warn' />
        ))}
      </View>
      <Text className={styles.cardTitle}>{item.rating.target.title}</Text>
      <View className={styles.cardMeta}>
        <Text>{item.rating.target.label}</Text>
        <Text>{item.regionName}</Text>
        <Text>评价人：{item.raterName}</Text>
      </View>
      <Text className={styles.level}>评价：{levelLabel(item.rating.level)}</Text>
      {item.status === 'open' ? <Text className={late ? styles.overdue : styles.text}>{dueLine(item)}</Text> : null}
    </Pressable>
  );
}

/** 差评跟进: the follow-ups in my regions, oldest due first, by status or only the overdue ones. */
function StaffFollowups() {
  const [status, setStatus] = useState<FollowupStatus | ''>('open');
  const [overdue, setOverdue] = useState(false);
  const fetchPage = useCallback((cursor: string | null) => listStaffFollowups({ status: status || undefined, overdue, cursor, limit: 20 }), [status, overdue]);
  const list = useCursorList<StaffFollowupDto>(fetchPage, `${status}|${overdue}`, true);
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

  let body;
  if (list.loading && !list.loaded) body = <SkeletonList text='正在加载差评跟进…' />;
  else if (list.error && !list.items.length) body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  else if (list.loaded && !list.items.length)
    body = (
      <EmptyState
        title={overdue ? '没有超期的差评' : status === 'open' ? '没有待答复的差评' : '没有符合条件的差评'}
        text='居民给出“不满意”或“非常不满意”的评价后，会出现在这里，请在期限内核实并答复。'
      />
    );
  else
    body = (
      <>
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '差评列表' })}>
          {list.items.map((f) => (
            <View key={f.id} {...h5Attrs({ role: 'listitem' })}>
              <FollowupCard item={f} />
            </View>
          ))}
        </View>
        <ListFooter list={list} />
      </>
    );

  return (
    <View className={styles.page}>
      <View className={styles.section} {...h5Attrs({ role: 'search', 'aria-label': '筛选差评' })}>
        <View className={styles.chips} {...h5Attrs({ role: 'group', 'aria-label': '跟进状态' })}>
          {STATUS_FILTERS.map((f) => (
            <Pressable key={f.value || 'all'} className={cx(styles.chip, status === f.value && styles.chipOn)} pressed={status === f.value} onPress={() => setStatus(f.value)}>
              {status === f.value ? `✓ ${f.label}` : f.label}
            </Pressable>
          ))}
        </View>
        <Toggle label='只看超期' description='已过答复期限仍未答复的差评' checked={overdue} onChange={setOverdue} />
      </View>
      {body}
    </View>
  );
}

export default function StaffFollowupsPage() {
  return (
    <PageRoot title='差评跟进'>
      <SessionGate>
        <StaffGate>
          <StaffFollowups />
        </StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
