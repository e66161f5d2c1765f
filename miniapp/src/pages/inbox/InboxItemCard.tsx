import { Text, View } from '@tarojs/components';
import { h5Attrs } from '../../components/a11y';
import { Pressable } from '../../components/Pressable';
import { cx } from '../../lib/cx';
import { formatDateTime } from '../../lib/format';
import { inboxTypeLabel, type InboxItem } from '../../lib/inbox';
import styles from './index.module.scss';

/** One message: 【未读】 in words and a bold title while unread (never colour alone). */
export function InboxItemCard({ item, onOpen }: { item: InboxItem; onOpen: (item: InboxItem) => void }) {
  const unread = !item.readAt;
  return (
    <Pressable className={cx(styles.item, unread && styles.itemUnread)} onPress={() => onOpen(item)}>
      <View className={styles.itemTags}>
        {unread ? <Text className={styles.unreadTag}>【未读】</Text> : <Text className={styles.readTag}>已读</Text>}
        <Text className={styles.typeTag}>{inboxTypeLabel(item.type)}</Text>
        <Text className={styles.time}>{formatDateTime(item.createdAt)}</Text>
      </View>
      <Text className={cx(styles.itemTitle, unread && styles.itemTitleUnread)}>{item.title}</Text>
      {item.body ? <Text className={styles.itemBody}>{item.body}</Text> : null}
      <View className={styles.itemMore} {...h5Attrs({ 'aria-hidden': 'true' })}>
        查看详情 ›
      </View>
    </Pressable>
  );
}
