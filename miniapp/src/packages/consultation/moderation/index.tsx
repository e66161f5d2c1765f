import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { CommentStatus, StaffCommentDto } from '@sunboard/shared';
import { useCallback, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { InputField } from '../../../components/form/InputField';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { useCursorList } from '../../../hooks/useCursorList';
import { describeError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { moderateComment, moderationQueue } from '../../../services/consultations';
import { ListFooter } from '../../staff/shared/ListFooter';
import styles from '../shared/consultation.module.scss';

const TABS: Array<{ status: CommentStatus; label: string }> = [
  { status: 'pending', label: '待审核' },
  { status: 'visible', label: '已公开' },
  { status: 'hidden', label: '已隐藏' },
];

/** One comment in the queue: why it waits, the text, approve / hide / restore with a reason. */
function QueueItem({ c, onDone }: { c: StaffCommentDto; onDone: (id: number, message: string) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: 'approve' | 'hide' | 'restore') => {
    if (action !== 'approve' && !reason.trim()) {
      setError('隐藏或恢复意见时必须填写理由');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await moderateComment(c.id, { action, reason: reason.trim() });
      onDone(c.id, { approve: '已审核通过，意见已公开', hide: '已隐藏，原位置显示“该意见已隐藏”', restore: '已恢复显示' }[action]);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.card} {...h5Attrs({ role: 'listitem' })}>
      <Text className={styles.cardTitle}>{c.consultationTitle}</Text>
      <Text className={styles.muted}>
        {c.authorName}
        {c.proxy && c.proxyResidentName ? `（代录：${c.proxyResidentName} ${c.proxyResidentPhone ?? ''}，录入：${c.enteredByName ?? ''}）` : ''} · {formatDateTime(c.createdAt)}
        {c.paragraphHeading ? ` · 针对：${c.paragraphHeading}` : ''}
      </Text>
      {c.holdReasonLabel ? <Text className={styles.countdownSoon}>待审原因：{c.holdReasonLabel}</Text> : null}
      {c.reportCount ? <Text className={styles.muted}>举报 {c.reportCount} 次</Text> : null}
      {c.status === 'hidden' && c.hiddenReason ? <Text className={styles.muted}>隐藏理由：{c.hiddenReason}</Text> : null}
      <Text className={styles.text}>{c.body}</Text>
      <InputField id={`reason-${c.id}`} label='理由（隐藏、恢复时必填）' value={reason} onChange={setReason} error={error} />
      <View className={styles.actions}>
        {c.status === 'pending' ? (
          <Pressable className={styles.small} disabled={busy} onPress={() => void act('approve')}>
            通过并公开
          </Pressable>
        ) : null}
        {c.status !== 'hidden' ? (
          <Pressable className={styles.small} disabled={busy} onPress={() => void act('hide')}>
            隐藏
          </Pressable>
        ) : (
          <Pressable className={styles.small} disabled={busy} onPress={() => void act('restore')}>
            恢复显示
          </Pressable>
        )}
        <Pressable className={styles.small} onPress={() => void Taro.navigateTo({ url: ROUTES.consultationDetail(c.consultationId, c.paragraphId ?? undefined) })}>
          查看原文
        </Pressable>
      </View>
    </View>
  );
}

function Moderation() {
  const [status, setStatus] = useState<CommentStatus>('pending');
  const [message, setMessage] = useState<string | null>(null);
  const fetchPage = useCallback((cursor: string | null) => moderationQueue({ status, cursor, limit: 20 }), [status]);
  const list = useCursorList<StaffCommentDto>(fetchPage, status, true);
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void list.loadMore();
  });
  const done = (_id: number, text: string) => {
    setMessage(text);
    void list.refresh();
  };
  let body;
  if (list.loading && !list.loaded) body = <SkeletonList text='正在加载意见…' />;
  else if (list.error && !list.items.length) body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  else if (list.loaded && !list.items.length) body = <EmptyState title={status === 'pending' ? '没有待审核的意见' : '没有意见'} />;
  else
    body = (
      <>
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '意见' })}>
          {list.items.map((c) => (
            <QueueItem key={c.id} c={c} onDone={done} />
          ))}
        </View>
        <ListFooter list={list} />
      </>
    );
  return (
    <View className={styles.page}>
      <View className={styles.actions} {...h5Attrs({ role: 'group', 'aria-label': '按状态查看' })}>
        {TABS.map((t) => (
          <Pressable key={t.status} className={styles.small} pressed={status === t.status} onPress={() => setStatus(t.status)}>
            {status === t.status ? `● ${t.label}` : t.label}
          </Pressable>
        ))}
      </View>
      {message ? (
        <Text className={styles.ok} {...h5Attrs({ role: 'status' })}>
          {message}
        </Text>
      ) : null}
      {body}
    </View>
  );
}

export default function ModerationPage() {
  return (
    <PageRoot title='意见审核'>
      <SessionGate>
        <Moderation />
      </SessionGate>
    </PageRoot>
  );
}
