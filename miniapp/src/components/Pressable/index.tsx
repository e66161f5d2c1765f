import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../../lib/cx';

export interface PressableProps {
  children: ReactNode;
  onPress?: () => void;
  className?: string;
  /** Accessible name, only where the visible text is not enough. */
  label?: string;
  /** `switch` for on/off settings (then `checked`); default a plain button. */
  role?: 'button' | 'switch';
  checked?: boolean;
  /** For toggle buttons such as filter chips. */
  pressed?: boolean;
  /** `aria-current` for the current item of a set. */
  current?: boolean;
  disabled?: boolean;
}

/**
 * Anything tappable. h5: a real <button type="button"> (focusable, Enter/Space, a role and a
 * name for screen readers). weapp: the native <button>, which WeChat's screen reader announces.
 */
export function Pressable(props: PressableProps) {
  const { children, onPress, className, label, role, checked, pressed, current, disabled } = props;
  const classes = cx('sb-pressable', className);
  if (process.env.TARO_ENV === 'h5') {
    return (
      <button
        type='button'
        className={classes}
        onClick={disabled ? undefined : onPress}
        disabled={disabled}
        aria-label={label}
        role={role === 'switch' ? 'switch' : undefined}
        aria-checked={role === 'switch' ? !!checked : undefined}
        aria-pressed={pressed}
        aria-current={current ? 'true' : undefined}
      >
        {children}
      </button>
    );
  }
  return (
    <Button className={classes} hoverClass='sb-pressed' disabled={disabled} onClick={disabled ? undefined : onPress}>
      {children}
    </Button>
  );
}
