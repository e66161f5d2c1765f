import { Textarea } from '@tarojs/components';
import { cx } from '../../lib/cx';
import { describedBy, FieldShell } from './FieldShell';
import styles from './form.module.scss';

export interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  maxLength?: number;
  error?: string | null;
  short?: boolean;
}

/** A labelled multi-line text box: <textarea> in h5, <Textarea> in weapp. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, value, onChange, required, hint, placeholder, maxLength = 5000, error, short } = props;
  const className = cx(styles.control, styles.textarea, short && styles.textareaShort, error && styles.invalid);
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} error={error}>
      {process.env.TARO_ENV === 'h5' ? (
        <textarea
          id={id}
          className={className}
          value={value}
          placeholder={placeholder}
          maxLength={maxLength}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Textarea id={id} className={className} value={value} placeholder={placeholder} maxlength={maxLength} autoHeight onInput={(e) => onChange(e.detail.value)} />
      )}
    </FieldShell>
  );
}
