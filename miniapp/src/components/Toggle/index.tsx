import { Text, View } from '@tarojs/components';
import { cx } from '../../lib/cx';
import { h5Attrs } from '../a11y';
import { Pressable } from '../Pressable';
import styles from './index.module.scss';

/** An on/off setting as one large row; the state is also written out (已开启/已关闭). */
export function Toggle(props: { label: string; description?: string; checked: boolean; disabled?: boolean; onChange: (next: boolean) => void }) {
  const { label, description, checked, disabled, onChange } = props;
  return (
    <Pressable role='switch' checked={checked} label={label} disabled={disabled} className={styles.row} onPress={() => onChange(!checked)}>
      <View className={styles.texts}>
        <Text className={styles.label}>{label}</Text>
        {description ? <Text className={styles.desc}>{description}</Text> : null}
      </View>
      <View className={styles.state} {...h5Attrs({ 'aria-hidden': 'true' })}>
        <View className={cx(styles.track, checked && styles.trackOn)}>
          <View className={styles.thumb} />
        </View>
        <Text className={styles.stateText}>{checked ? '已开启' : '已关闭'}</Text>
      </View>
    </Pressable>
  );
}
