import { Picker, Text, View } from '@tarojs/components';
import { formatDateInput } from '../../lib/compose-dates';
import { cx } from '../../lib/cx';
import { describedBy, FieldShell } from './FieldShell';
import styles from './form.module.scss';

export interface DateFieldProps {
  id: string;
  label: string;
  /** `YYYY-MM-DD` or '' */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  hint?: string;
  error?: string | null;
  min?: string;
}

/** A calendar day: <input type=date> in h5, WeChat's date picker in weapp (shown as 2026年11月24日). */
export function DateField(props: DateFieldProps) {
  const { id, label, value, onChange, required, hint, error, min } = props;
  const className = cx(styles.control, error && styles.invalid);
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} error={error}>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          id={id}
          type='date'
          className={className}
          value={value}
          min={min}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Picker mode='date' value={value} start={min} onChange={(e) => onChange(String(e.detail.value))}>
          <View className={cx(className, styles.select)}>
            <Text className={value ? undefined : styles.placeholder}>{value ? formatDateInput(value) : '请选择日期'}</Text>
            <Text className={styles.selectArrow}>选择 ›</Text>
          </View>
        </Picker>
      )}
    </FieldShell>
  );
}
