import { Text, View } from '@tarojs/components';
import { DOMAIN_LABELS, NOTICE_KIND_LABELS, type NoticeCardDto } from '@sunboard/shared';
import { cx } from '../../lib/cx';
import { formatDate, noticeBadges } from '../../lib/format';
import { Pressable } from '../Pressable';
import styles from './index.module.scss';

/** A notice in a list. Urgent/pinned are said in words (【紧急】【置顶】), not only by colour. */
export function NoticeCard({ notice, onOpen }: { notice: NoticeCardDto; onOpen: (id: number) => void }) {
  const badges = noticeBadges(notice);
  const date = formatDate(notice.publishedAt);
  return (
    <Pressable className={cx(styles.card, notice.urgent && styles.urgentCard)} onPress={() => onOpen(notice.id)}>
      <View className={styles.tags}>
        {badges.map((b) => (
          <Text key={b} className={b === '紧急' ? styles.urgent : styles.pinned}>
            【{b}】
          </Text>
        ))}
        <Text className={styles.kind}>{NOTICE_KIND_LABELS[notice.kind] ?? '公开信息'}</Text>
        <Text className={styles.domain}>{DOMAIN_LABELS[notice.domain] ?? ''}</Text>
      </View>
      <Text className={styles.title}>{notice.title}</Text>
      {notice.summary ? <Text className={styles.summary}>{notice.summary}</Text> : null}
      <View className={styles.meta}>
        <Text>{notice.region.name}</Text>
        <Text>{notice.publisher}</Text>
        {date ? <Text>{date}</Text> : null}
      </View>
    </Pressable>
  );
}
