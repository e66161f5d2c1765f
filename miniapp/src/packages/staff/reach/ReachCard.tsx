import { Text, View } from '@tarojs/components';
import type { NoticeReachDto } from '@sunboard/shared';
import { h5Attrs } from '../../../components/a11y';
import { formatRate } from '../../../lib/staff';
import styles from './index.module.scss';

/** 知晓率: 已读人数 / 辖区居民 = rate, in numbers and words (the bar only repeats it). */
export function ReachCard({ reach }: { reach: NoticeReachDto }) {
  const rate = formatRate(reach.rate);
  return (
    <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-label': '知晓率' })}>
      <Text className={styles.heading}>知晓率</Text>
      <View className={styles.numbers}>
        <View className={styles.number}>
          <Text className={styles.value}>{reach.readers}</Text>
          <Text className={styles.label}>已读人数</Text>
        </View>
        <View className={styles.number}>
          <Text className={styles.value}>{reach.residentsInScope}</Text>
          <Text className={styles.label}>辖区居民</Text>
        </View>
        <View className={styles.number}>
          <Text className={styles.value}>{rate}</Text>
          <Text className={styles.label}>知晓率</Text>
        </View>
      </View>
      <View className={styles.bar} {...h5Attrs({ role: 'img', 'aria-label': `知晓率 ${rate}` })}>
        <View className={styles.fill} style={{ width: `${Math.min(100, Math.max(0, reach.rate * 100))}%` }} />
      </View>
      <Text className={styles.note}>
        辖区 {reach.residentsInScope} 位居民中，已有 {reach.readers} 位打开过这条公开信息。
        {reach.readersOutsideScope > 0 ? `另有 ${reach.readersOutsideScope} 位辖区外的人通过分享看过（不计入知晓率）。` : ''}
      </Text>
    </View>
  );
}
