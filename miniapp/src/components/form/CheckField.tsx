import { Text, View } from '@tarojs/components';
import { cx } from '../../lib/cx';
import { h5Attrs } from '../a11y';
import { Pressable } from '../Pressable';
import styles from './form.module.scss';

export interface CheckFieldProps {
  id: string;
  label: string;
  description?: string;
  checked: boolean;
  onChange: (next: boolean) => void;
  disabled?: boolean;
}

/** A checkbox with its label as one big tap target; the state is also written (已勾选). */
export function CheckField({ id, label, description, checked, onChange, disabled }: CheckFieldProps) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <div className={styles.check}>
        <input
          id={id}
          type='checkbox'
          className={styles.checkBox}
          checked={checked}
          disabled={disabled}
          aria-describedby={description ? `${id}-desc` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span className={styles.checkTexts}>
          <label className={styles.checkLabel} htmlFor={id}>
            {label}
          </label>
          {description ? (
            <span id={`${id}-desc`} className={styles.hint}>
              {description}
            </span>
          ) : null}
        </span>
      </div>
    );
  }
  return (
    <Pressable className={styles.check} disabled={disabled} onPress={() => onChange(!checked)}>
      <View className={cx(styles.checkMark, checked && styles.checkMarkOn)} {...h5Attrs({ 'aria-hidden': 'true' })}>
        {checked ? '✓' : ''}
      </View>
      <View className={styles.checkTexts}>
        <Text className={styles.checkLabel}>
          {label}
          {checked ? '（已勾选）' : '（未勾选）'}
        </Text>
        {description ? <Text className={styles.hint}>{description}</Text> : null}
      </View>
    </Pressable>
  );
}
