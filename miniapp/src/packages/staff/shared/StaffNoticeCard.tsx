import { Text, View } from '@tarojs/components';
import type { StaffNoticeCardDto } from '@sunboard/shared';
import { Pressable } from '../../../components/Pressable';
import { StatusBadges } from '../../../components/StatusBadges';
import { useCatalog } from '../../../hooks/useCatalog';
import { formatDateTime } from '../../../lib/format';
import styles from './staff.module.scss';

/** A notice in a staff list: status in words, what it is, where, who wrote it, and a rejection reason. */
export function StaffNoticeCard({ notice, onOpen, showAuthor = false }: { notice: StaffNoticeCardDto; onOpen: (n: StaffNoticeCardDto) => void; showAuthor?: boolean }) {
  const { labels } = useCatalog();
  const when = notice.status === 'published' ? `发布于 ${formatDateTime(notice.publishedAt)}` : `更新于 ${formatDateTime(notice.updatedAt)}`;
  return (
    <Pressable className={styles.card} onPress={() => onOpen(notice)}>
      <View className={styles.cardMeta}>
        <StatusBadges notice={notice} />
        <Text>{labels.kinds(notice.kind)}</Text>
        <Text>{labels.domains(notice.domain)}</Text>
      </View>
      <Text className={styles.cardTitle}>{notice.title}</Text>
      {notice.status === 'draft' && notice.rejectionReason ? <Text className={styles.reason}>退回理由：{notice.rejectionReason}</Text> : null}
      <View className={styles.cardMeta}>
        <Text>{notice.region.fullName || notice.region.name}</Text>
        {showAuthor && notice.author ? <Text>提交人：{notice.author.displayName}</Text> : null}
        <Text>{when}</Text>
      </View>
    </Pressable>
  );
}
