import { Input } from '@tarojs/components';
import { cx } from '../../lib/cx';
import { describedBy, FieldShell } from './FieldShell';
import styles from './form.module.scss';

export interface InputFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  maxLength?: number;
  error?: string | null;
}

/** A labelled single-line text box for forms: <input> in h5, <Input> in weapp. */
export function InputField(props: InputFieldProps) {
  const { id, label, value, onChange, required, hint, placeholder, maxLength = 200, error } = props;
  const className = cx(styles.control, error && styles.invalid);
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} error={error}>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          id={id}
          className={className}
          value={value}
          placeholder={placeholder}
          maxLength={maxLength}
          autoComplete='off'
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input id={id} className={className} value={value} placeholder={placeholder} maxlength={maxLength} onInput={(e) => onChange(e.detail.value)} />
      )}
    </FieldShell>
  );
}
