import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { RatingDto } from '@sunboard/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { canChange, changeableText, followupBadge, residentFollowupLine } from '../../../components/RatingBar/rating-text';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { useCursorList } from '../../../hooks/useCursorList';
import { describeError } from '../../../lib/api-error';
import { cx } from '../../../lib/cx';
import { ROUTES } from '../../../lib/routes';
import { getRating, listMyRatings } from '../../../services/ratings';
import { ListFooter } from '../../staff/shared/ListFooter';
import { AnswerBlock, Badge, RatingLines, TargetButton } from '../shared/parts';
import styles from '../shared/rating.module.scss';
import { ConfirmBox } from './ConfirmBox';

/** One of my ratings: what and how I rated, the follow-up of a 差评 with the answer, and 回访 when asked. */
function MyRatingCard({ rating, focused, onChanged }: { rating: RatingDto; focused: boolean; onChanged: (r: RatingDto) => void }) {
  const f = rating.followup;
  const badge = f ? followupBadge(f) : null;
  const [error, setError] = useState<string | null>(null);
  const confirmed = async () => {
    setError(null);
    void Taro.showToast({ title: '感谢您的反馈', icon: 'success', duration: 2000 });
    try {
      onChanged(await getRating(rating.id));
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <View
      id={`rating-${rating.id}`}
      className={cx(styles.card, focused && styles.cardFocus)}
      {...h5Attrs({ role: focused ? 'region' : 'listitem', 'aria-label': focused ? '这条评价的回访' : undefined })}
    >
      {badge ? (
        <View className={styles.cardHead}>
          <Badge text={badge.text} tone={badge.tone} />
        </View>
      ) : null}
      <RatingLines rating={rating} />
      <Text className={styles.muted}>
        {changeableText(rating.changeableUntil, Date.now())}
        {canChange(rating.changeableUntil, Date.now()) ? '（在评价对象的页面修改）' : ''}
      </Text>
      {f ? (
        <>
          <Text className={styles.text}>回访进度：{residentFollowupLine(f)}</Text>
          <AnswerBlock f={f} />
          {f.status === 'replied' ? <ConfirmBox followup={f} onConfirmed={() => void confirmed()} /> : null}
        </>
      ) : null}
      {error ? <Text className={styles.error}>{error}</Text> : null}
      <TargetButton target={rating.target} />
    </View>
  );
}

/** The rating the page was opened for (`?id=`, e.g. from the reply message): shown first, expanded. */
function FocusedRating({ id, onLoaded }: { id: number; onLoaded: (r: RatingDto) => void }) {
  const [rating, setRating] = useState<RatingDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      const r = await getRating(id);
      setRating(r);
      onLoaded(r);
    } catch (err) {
      setError(describeError(err));
    }
  }, [id, onLoaded]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (rating && process.env.TARO_ENV !== 'h5') void Taro.pageScrollTo({ selector: `#rating-${rating.id}`, duration: 0 }).catch(() => undefined);
  }, [rating]);
  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!rating) return null;
  const changed = (r: RatingDto) => {
    setRating(r);
    onLoaded(r);
  };
  return <MyRatingCard rating={rating} focused onChanged={changed} />;
}

function MyRatings({ focusId }: { focusId: number | null }) {
  const fetchPage = useCallback((cursor: string | null) => listMyRatings({ cursor, limit: 20 }), []);
  const list = useCursorList<RatingDto>(fetchPage, 'mine', true);
  // Ratings changed on this page (回访) replace the listed copies until the next refresh.
  const [changed, setChanged] = useState<Record<number, RatingDto>>({});
  const [focusVersion, setFocusVersion] = useState(0);
  const seen = useRef(false);
  useDidShow(() => {
    if (seen.current && list.loaded && !list.loading) void list.refresh();
    seen.current = true;
  });
  usePullDownRefresh(() => {
    setChanged({});
    setFocusVersion((v) => v + 1);
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void list.loadMore();
  });
  const keep = useCallback((r: RatingDto) => setChanged((c) => ({ ...c, [r.id]: r })), []);
  const items = list.items.filter((r) => r.id !== focusId).map((r) => changed[r.id] ?? r);

  let body;
  if (list.loading && !list.loaded) body = <SkeletonList text='正在加载我的评价…' />;
  else if (list.error && !list.items.length) body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  else if (list.loaded && !list.items.length)
    body = (
      <EmptyState title='还没有评价' text='看过公开信息、办事指南，或办完事、征求意见结束后，可以在页面下方评价。不满意的评价，工作人员会核实并答复您。'>
        <Pressable className={styles.primary} onPress={() => void Taro.switchTab({ url: ROUTES.home })}>
          去看公开信息
        </Pressable>
      </EmptyState>
    );
  else
    body = items.length ? (
      <>
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '我的评价' })}>
          {items.map((r) => (
            <MyRatingCard key={r.id} rating={r} focused={false} onChanged={keep} />
          ))}
        </View>
        <ListFooter list={list} />
      </>
    ) : null;

  return (
    <View className={styles.page}>
      {focusId ? <FocusedRating key={focusVersion} id={focusId} onLoaded={keep} /> : null}
      {focusId && items.length ? <Text className={styles.sectionTitle}>其他评价</Text> : null}
      {body}
    </View>
  );
}

export default function MyRatingsPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return (
    <PageRoot title='我的评价'>
      <SessionGate>
        <MyRatings focusId={Number.isSafeInteger(id) && id > 0 ? id : null} />
      </SessionGate>
    </PageRoot>
  );
}
