import { Text, View } from '@tarojs/components';
import type { CommentDto, ConsultationCardDto } from '@sunboard/shared';
import type { ReactNode } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { Pressable } from '../../../components/Pressable';
import { closingSoon, commentText, countdownText, statusBadge, type ConsultationTone } from '../../../lib/consultation';
import { cx } from '../../../lib/cx';
import { formatDateTime } from '../../../lib/format';
import styles from './consultation.module.scss';

export function Badge({ text, tone }: { text: string; tone: ConsultationTone }) {
  return <Text className={cx(styles.badge, styles[`tone-${tone}`])}>{text}</Text>;
}

/** A consultation in the list: status in words, the countdown, region and period. */
export function ConsultationCard({ item, onOpen, extra }: { item: ConsultationCardDto; onOpen: (c: ConsultationCardDto) => void; extra?: string }) {
  const badge = statusBadge(item.status);
  const soon = closingSoon(item);
  const countdown = countdownText(item);
  return (
    <Pressable className={cx(styles.card, soon && styles.cardSoon)} onPress={() => onOpen(item)}>
      <View className={styles.cardHead}>
        <Badge text={badge.text} tone={badge.tone} />
        <Badge text={item.typeLabel} tone='muted' />
      </View>
      <Text className={styles.cardTitle}>{item.title}</Text>
      {countdown ? <Text className={cx(styles.countdown, soon && styles.countdownSoon)}>{soon ? `即将截止：${countdown}` : countdown}</Text> : null}
      <View className={styles.cardMeta}>
        <Text>{item.regionName}</Text>
        <Text>截止：{formatDateTime(item.closesAt)}</Text>
        <Text>意见 {item.commentCount} 条</Text>
      </View>
      {extra ? <Text className={styles.muted}>{extra}</Text> : null}
    </Pressable>
  );
}

/** One comment with its replies; a hidden one keeps its place as 该意见已隐藏. */
export function CommentItem({ c, actions }: { c: CommentDto; actions?: ReactNode }) {
  const hidden = c.status === 'hidden';
  return (
    <View className={styles.comment} {...h5Attrs({ role: 'listitem' })}>
      <View className={styles.cardMeta}>
        <Text>{c.authorName}</Text>
        {c.proxy && !c.authorName.includes('代录') ? <Text>（网格员代录）</Text> : null}
        <Text>{formatDateTime(c.createdAt)}</Text>
        {c.paragraphHeading ? <Text>针对：{c.paragraphHeading}</Text> : null}
      </View>
      {/* Text, never markup: whatever the resident typed is shown as typed. */}
      <Text className={cx(styles.text, hidden && styles.commentHidden)}>{commentText(c)}</Text>
      {c.replies.map((r) => (
        <Text key={r.id} className={styles.reply}>
          官方回复（{r.authorName}）：{r.body}
        </Text>
      ))}
      {actions}
    </View>
  );
}
