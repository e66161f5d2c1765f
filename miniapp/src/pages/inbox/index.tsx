import { Text, View } from '@tarojs/components';
import { PageRoot } from '../../components/PageRoot';
import { SessionGate } from '../../components/SessionGate';
import { EmptyState } from '../../components/StateView';
import { useInboxBadge } from '../../hooks/useInboxBadge';
import styles from './index.module.scss';

/**
 * 消息: the message centre (reminders, replies to consultations) comes later. The unread count
 * drives the tab badge and the `count` label here; it is 0 until the inbox API exists.
 */
export default function InboxPage() {
  const unread = 0;
  useInboxBadge(unread);
  return (
    <PageRoot title='消息'>
      <View className={styles.head}>
        <Text className={styles.title}>消息</Text>
        {unread > 0 ? <Text className={styles.count}>{unread} 条未读</Text> : null}
      </View>
      <SessionGate>
        <EmptyState title='暂无消息' text='社区发布与您有关的提醒后，会显示在这里。' />
      </SessionGate>
    </PageRoot>
  );
}
