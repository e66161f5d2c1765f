import { Text, View } from '@tarojs/components';
import { DOMAIN_LABELS, NOTICE_KIND_LABELS, type NoticeCardDto } from '@sunboard/shared';
import { cx } from '../../lib/cx';
import { formatDate, noticeBadges } from '../../lib/format';
import { Highlighted } from '../Highlighted';
import { Pressable } from '../Pressable';
import styles from './index.module.scss';

/**
 * A notice in a list. Urgent/pinned are said in words (【紧急】【置顶】), not only by colour.
 * With `terms` (search results) the words are marked in the title and summary.
 */
export function NoticeCard({ notice, onOpen, terms }: { notice: NoticeCardDto; onOpen: (id: number) => void; terms?: readonly string[] }) {
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
      {terms?.length ? <Highlighted className={styles.title} text={notice.title} terms={terms} /> : <Text className={styles.title}>{notice.title}</Text>}
      {notice.summary ? (
        terms?.length ? <Highlighted className={styles.summary} text={notice.summary} terms={terms} /> : <Text className={styles.summary}>{notice.summary}</Text>
      ) : null}
      <View className={styles.meta}>
        <Text>{notice.region.name}</Text>
        <Text>{notice.publisher}</Text>
        {date ? <Text>{date}</Text> : null}
      </View>
    </Pressable>
  );
}
