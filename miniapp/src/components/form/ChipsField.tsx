import { Text, View } from '@tarojs/components';
import { cx } from '../../lib/cx';
import { h5Attrs } from '../a11y';
import { Pressable } from '../Pressable';
import styles from './form.module.scss';

export interface ChipsFieldProps {
  id: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  values: string[];
  onChange: (values: string[]) => void;
  hint?: string;
  error?: string | null;
}

/** Several choices as toggle chips (pressed state for screen readers, ✓ in the text). */
export function ChipsField({ id, label, options, values, onChange, hint, error }: ChipsFieldProps) {
  const toggle = (v: string) => onChange(values.includes(v) ? values.filter((x) => x !== v) : [...values, v]);
  return (
    <View className={styles.field} {...h5Attrs({ role: 'group', 'aria-labelledby': `${id}-label` })}>
      <Text id={`${id}-label`} className={styles.label}>
        {label}
      </Text>
      {hint ? <Text className={styles.hint}>{hint}</Text> : null}
      <View className={styles.chips}>
        {options.map((o) => {
          const on = values.includes(o.value);
          return (
            <Pressable key={o.value} className={cx(styles.chip, on && styles.chipOn)} pressed={on} onPress={() => toggle(o.value)}>
              {on ? `✓ ${o.label}` : o.label}
            </Pressable>
          );
        })}
      </View>
      {error ? (
        <Text className={styles.error} {...h5Attrs({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
