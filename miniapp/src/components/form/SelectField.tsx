import { Picker, Text, View } from '@tarojs/components';
import { cx } from '../../lib/cx';
import { describedBy, FieldShell } from './FieldShell';
import styles from './form.module.scss';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  error?: string | null;
  disabled?: boolean;
}

/** One choice from a list: a native <select> in h5, WeChat's picker in weapp (the choice is written out). */
export function SelectField(props: SelectFieldProps) {
  const { id, label, value, options, onChange, required, hint, placeholder = '请选择', error, disabled } = props;
  const index = options.findIndex((o) => o.value === value);
  const className = cx(styles.control, styles.select, error && styles.invalid);
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} error={error} labelFor={process.env.TARO_ENV === 'h5'}>
      {process.env.TARO_ENV === 'h5' ? (
        <select
          id={id}
          className={className}
          value={index >= 0 ? value : ''}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange(e.target.value)}
        >
          {index < 0 ? (
            <option value='' disabled>
              {placeholder}
            </option>
          ) : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <Picker mode='selector' range={options.map((o) => o.label)} value={Math.max(0, index)} disabled={disabled} onChange={(e) => onChange(options[Number(e.detail.value)]?.value ?? '')}>
          <View className={className}>
            <Text className={index < 0 ? styles.placeholder : undefined}>{index >= 0 ? options[index].label : placeholder}</Text>
            <Text className={styles.selectArrow}>选择 ›</Text>
          </View>
        </Picker>
      )}
    </FieldShell>
  );
}
