import { Input, Text, View } from '@tarojs/components';
import { cx } from '../../lib/cx';
import { h5Attrs } from '../a11y';
import styles from './index.module.scss';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit?: () => void;
  hint?: string;
  placeholder?: string;
  maxLength?: number;
  /** Shown under the field in words (and the border turns red). */
  error?: string | null;
}

/** A labelled single-line text input: <input> in h5, <Input> in weapp. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, onSubmit, hint, placeholder, maxLength = 64, error } = props;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const className = cx(styles.input, error && styles.invalid);
  return (
    <View className={styles.field}>
      {process.env.TARO_ENV === 'h5' ? (
        <label className={styles.label} htmlFor={id}>
          {label}
        </label>
      ) : (
        <Text className={styles.label}>{label}</Text>
      )}
      {hint ? (
        <Text id={hintId} className={styles.hint}>
          {hint}
        </Text>
      ) : null}
      {process.env.TARO_ENV === 'h5' ? (
        <input
          id={id}
          className={className}
          value={value}
          placeholder={placeholder}
          maxLength={maxLength}
          autoComplete='off'
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onSubmit?.();
          }}
        />
      ) : (
        <Input
          id={id}
          className={className}
          value={value}
          placeholder={placeholder}
          maxlength={maxLength}
          confirmType='done'
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={() => onSubmit?.()}
        />
      )}
      {error ? (
        <Text id={errorId} className={styles.error} {...h5Attrs({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
