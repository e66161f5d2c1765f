import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { StaffFollowupDto } from '@sunboard/shared';
import { useCallback, useEffect, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { followupBadge, followupOverdueText, staffFollowupLine, staffNotes } from '../../../components/RatingBar/rating-text';
import { SessionGate } from '../../../components/SessionGate';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { describeError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { canReview } from '../../../lib/staff';
import { getFollowup } from '../../../services/ratings';
import { useSession } from '../../../stores/session';
import { StaffGate } from '../../staff/shared/StaffGate';
import { AnswerBlock, Badge, RatingLines, TargetButton } from '../shared/parts';
import styles from '../shared/rating.module.scss';
import { AppealBox } from './AppealBox';
import { ReplyForm } from './ReplyForm';

function back() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: ROUTES.staffFollowups });
}

/** One 差评: the rating, the deadline, the reply form (核实情况, 答复内容, 整改情况), the answer, 回访, 申诉. */
function FollowupDetail({ id }: { id: number | null }) {
  const reviewer = useSession((s) => canReview(s.user));
  const [f, setF] = useState<StaffFollowupDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!id) return;
    setError(null);
    try {
      setF(await getFollowup(id));
    } catch (err) {
      setError(describeError(err));
    }
  }, [id]);
  useEffect(() => {
    if (id) void load();
    else setError('找不到这条差评');
  }, [id, load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (error && !f) return <ErrorState message={error} onRetry={id ? () => void load() : undefined} />;
  if (!f) return <LoadingState text='正在加载差评…' />;

  const badge = followupBadge(f);
  const late = followupOverdueText(f);
  const changed = (next: StaffFollowupDto, message: string) => {
    setF(next);
    setDone(message);
    void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
  };

  return (
    <View className={styles.page}>
      <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': '差评情况' })}>
        <View className={styles.cardHead}>
          <Badge text={badge.text} tone={badge.tone} />
          {late ? <Badge text={late} tone='urgent' /> : null}
          {staffNotes(f).map((n) => (
            <Badge key={n} text={n} tone='warn' />
          ))}
        </View>
        <RatingLines rating={f.rating} forStaff />
        <View className={styles.cardMeta}>
          <Text>评价人：{f.raterName}</Text>
          <Text>负责区域：{f.regionName}</Text>
        </View>
        <Text className={late ? styles.overdue : styles.text}>{staffFollowupLine(f)}</Text>
        {f.closedAt ? <Text className={styles.muted}>办结时间：{formatDateTime(f.closedAt)}</Text> : null}
        <TargetButton target={f.rating.target} />
      </View>

      {done ? (
        <Text className={styles.ok} {...h5Attrs({ role: 'status' })}>
          {done}
        </Text>
      ) : null}

      {f.reply ? (
        <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': '答复与回访' })}>
          <Text className={styles.sectionTitle}>答复与回访</Text>
          <AnswerBlock f={f} />
        </View>
      ) : null}

      {f.status === 'open' && f.appealStatus !== 'pending' ? <ReplyForm followup={f} onReplied={(next) => changed(next, '答复已发送给居民')} /> : null}

      <AppealBox followup={f} canDecide={reviewer} onChanged={(next) => changed(next, next.appealStatus === 'pending' ? '申诉已提交，等待审核' : '审核结果已保存')} />

      <Pressable className={styles.secondary} onPress={back}>
        返回差评列表
      </Pressable>
    </View>
  );
}

export default function FollowupPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return (
    <PageRoot title='差评核实答复'>
      <SessionGate>
        <StaffGate>
          <FollowupDetail id={Number.isSafeInteger(id) && id > 0 ? id : null} />
        </StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
