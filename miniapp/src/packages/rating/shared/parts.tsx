import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { FOLLOWUP_OUTCOME_LABELS, type FollowupDto, type RatingDto, type RatingTargetRefDto } from '@sunboard/shared';
import { Pressable } from '../../../components/Pressable';
import { levelLabel, tagWords, type RatingTone } from '../../../components/RatingBar/rating-text';
import { cx } from '../../../lib/cx';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import styles from './rating.module.scss';

export function Badge({ text, tone }: { text: string; tone: RatingTone }) {
  return <Text className={cx(styles.badge, styles[`tone-${tone}`])}>{text}</Text>;
}

/** The page of what was rated. */
export function targetRoute(t: Pick<RatingTargetRefDto, 'type' | 'id'>): string {
  if (t.type === 'case') return ROUTES.caseDetail(t.id);
  if (t.type === 'consultation') return ROUTES.consultationDetail(t.id);
  return ROUTES.noticeDetail(t.id);
}

export function TargetButton({ target }: { target: RatingTargetRefDto }) {
  return (
    <Pressable className={styles.secondary} label={`查看评价对象：${target.title}`} onPress={() => void Taro.navigateTo({ url: targetRoute(target) })}>
      查看评价对象
    </Pressable>
  );
}

/** What was rated and how: the target, the level in words, tags, the comment (held ones said so). */
export function RatingLines({ rating, forStaff = false }: { rating: Omit<RatingDto, 'followup'>; forStaff?: boolean }) {
  return (
    <>
      <Text className={styles.cardTitle}>{rating.target.title}</Text>
      <View className={styles.cardMeta}>
        <Text>{rating.target.label}</Text>
        <Text>{rating.target.regionName}</Text>
        <Text>评价时间：{formatDateTime(rating.createdAt)}</Text>
      </View>
      <Text className={styles.level}>评价：{levelLabel(rating.level)}</Text>
      {rating.tags.length ? <Text className={styles.text}>标签：{tagWords(rating.tags)}</Text> : null}
      {rating.comment ? <Text className={styles.text}>内容：{rating.comment}</Text> : null}
      {rating.commentHeld ? (
        <Text className={styles.muted}>{forStaff ? '评价内容未通过自动审核，只有工作人员能看到。' : '评价内容正在审核，审核前只有工作人员能看到。'}</Text>
      ) : null}
    </>
  );
}

/** The staff's answer: what they found (核实情况), the reply, what was fixed (整改情况), who and when. */
export function AnswerBlock({ f }: { f: FollowupDto }) {
  if (!f.reply) return null;
  return (
    <View className={styles.answer}>
      <Text className={styles.answerTitle}>工作人员答复</Text>
      <Text className={styles.muted}>{[f.replierName, f.repliedAt ? formatDateTime(f.repliedAt) : ''].filter(Boolean).join(' · ')}</Text>
      {f.verification ? <Text className={styles.text}>核实情况：{f.verification}</Text> : null}
      <Text className={styles.text}>答复内容：{f.reply}</Text>
      {f.fixed ? <Text className={styles.text}>整改情况：{f.fixed}</Text> : null}
      {f.confirmedAt ? (
        <Text className={styles.text}>
          回访结果：{f.outcome ? FOLLOWUP_OUTCOME_LABELS[f.outcome] : '已确认'}（{formatDateTime(f.confirmedAt)}）{f.confirmNote ? `，说明：${f.confirmNote}` : ''}
        </Text>
      ) : null}
    </View>
  );
}
