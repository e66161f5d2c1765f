import { Text, View } from '@tarojs/components';
import { badgeTone, statusBadges, type StatusInput } from '../../lib/staff';
import styles from './index.module.scss';

/** A notice's workflow status in words: 【草稿】【已退回】【待审核】【已发布】… */
export function StatusBadges({ notice }: { notice: StatusInput }) {
  return (
    <View className={styles.badges}>
      {statusBadges(notice).map((b) => (
        <Text key={b} className={`${styles.badge} ${styles[badgeTone(b)]}`}>
          【{b}】
        </Text>
      ))}
    </View>
  );
}
