import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { h5Attrs } from '../a11y';
import styles from './form.module.scss';

export interface FieldShellProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string | null;
  children: ReactNode;
  /** The label is a <label for> (h5 controls with an id); otherwise text. */
  labelFor?: boolean;
}

/** Label, hint, the control and its error in words. */
export function FieldShell({ id, label, required, hint, error, children, labelFor = true }: FieldShellProps) {
  // The 必填 marker sits beside the label, not in it: the control's name stays the bare label and
  // aria-required says it to screen readers.
  const marker = required ? (
    <Text className={styles.required} {...h5Attrs({ 'aria-hidden': 'true' })}>
      （必填）
    </Text>
  ) : null;
  return (
    <View className={styles.field}>
      <View className={styles.labelRow}>
        {process.env.TARO_ENV === 'h5' && labelFor ? (
          <label className={styles.label} htmlFor={id}>
            {label}
          </label>
        ) : (
          <Text className={styles.label} id={`${id}-label`}>
            {label}
          </Text>
        )}
        {marker}
      </View>
      {hint ? (
        <Text id={`${id}-hint`} className={styles.hint}>
          {hint}
        </Text>
      ) : null}
      {children}
      {error ? (
        <Text id={`${id}-error`} className={styles.error} {...h5Attrs({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

/** aria-describedby for a control with an optional hint and error. */
export function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}
