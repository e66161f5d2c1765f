import { Text, View } from '@tarojs/components';
import { useCatalog } from '../../hooks/useCatalog';
import { noticeElementRows, type ElementSource } from '../../lib/notice-elements';
import { h5Attrs } from '../a11y';
import styles from './index.module.scss';

/** 公开要素: the standard elements of a notice (or of one of its published versions) as label/value rows. */
export function ElementsPanel({ notice }: { notice: ElementSource }) {
  const { labels } = useCatalog();
  return (
    <View className={styles.panel} {...h5Attrs({ role: 'region', 'aria-label': '公开要素' })}>
      <Text className={styles.heading}>公开要素</Text>
      {noticeElementRows(notice, labels).map((row) => (
        <View key={row.label} className={styles.row}>
          <Text className={styles.label}>{row.label}</Text>
          <Text className={styles.value}>{row.value}</Text>
        </View>
      ))}
    </View>
  );
}
