import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { CONSULTATION_STATUS_LABELS, type MyCommentDto } from '@sunboard/shared';
import { useCallback, useRef } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { useCursorList } from '../../../hooks/useCursorList';
import { adoptionTone, answerLine } from '../../../lib/consultation';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { listMyComments } from '../../../services/consultations';
import { ListFooter } from '../../staff/shared/ListFooter';
import { Badge } from '../shared/parts';
import styles from '../shared/consultation.module.scss';

/** One of my comments: what I wrote, on which draft, and how it was answered. */
function MyComment({ c }: { c: MyCommentDto }) {
  return (
    <View className={styles.card} {...h5Attrs({ role: 'listitem' })}>
      <View className={styles.cardHead}>
        <Badge text={c.adoption ? answerLine(c).split('：')[0] : c.status === 'pending' ? '审核中' : '待答复'} tone={adoptionTone(c.adoption)} />
        <Badge text={CONSULTATION_STATUS_LABELS[c.consultationStatus]} tone='muted' />
      </View>
      <Text className={styles.cardTitle}>{c.consultationTitle}</Text>
      <Text className={styles.muted}>
        {c.paragraphHeading ? `针对：${c.paragraphHeading}` : '整体意见'} · {formatDateTime(c.createdAt)}
        {c.status === 'hidden' ? ' · 已被隐藏' : ''}
      </Text>
      <Text className={styles.text}>{c.body}</Text>
      <Text className={styles.answer}>答复：{answerLine(c)}</Text>
      {c.replies.map((r) => (
        <Text key={r.id} className={styles.reply}>
          官方回复（{r.authorName}）：{r.body}
        </Text>
      ))}
      <View className={styles.actions}>
        <Pressable className={styles.small} onPress={() => void Taro.navigateTo({ url: ROUTES.consultationDetail(c.consultationId, c.paragraphId ?? undefined) })}>
          查看征求意见
        </Pressable>
        {c.resultNoticeId ? (
          <Pressable className={styles.small} onPress={() => void Taro.navigateTo({ url: ROUTES.noticeDetail(c.resultNoticeId!) })}>
            采纳情况公告
          </Pressable>
        ) : null}
      </View>
    </View>
  );
}

function MyComments() {
  const fetchPage = useCallback((cursor: string | null) => listMyComments({ cursor, limit: 20 }), []);
  const list = useCursorList<MyCommentDto>(fetchPage, 'mine', true);
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
  if (list.loading && !list.loaded) body = <SkeletonList text='正在加载我的意见…' />;
  else if (list.error && !list.items.length) body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  else if (list.loaded && !list.items.length)
    body = (
      <EmptyState title='还没有提过意见' text='社区、村里征求意见时，您可以对草案逐条发表意见，截止后会收到每条意见的答复。'>
        <Pressable className={styles.primary} onPress={() => void Taro.navigateTo({ url: ROUTES.consultations })}>
          去看征求意见
        </Pressable>
      </EmptyState>
    );
  else
    body = (
      <>
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '我的意见' })}>
          {list.items.map((c) => (
            <MyComment key={c.id} c={c} />
          ))}
        </View>
        <ListFooter list={list} />
      </>
    );
  return <View className={styles.page}>{body}</View>;
}

export default function MyCommentsPage() {
  return (
    <PageRoot title='我的意见'>
      <SessionGate>
        <MyComments />
      </SessionGate>
    </PageRoot>
  );
}
