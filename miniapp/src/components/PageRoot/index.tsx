import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, type CSSProperties, type ReactNode } from 'react';
import { useFontScale } from '../../hooks/useFontScale';
import { usePageTitle } from '../../hooks/usePageTitle';
import { cx } from '../../lib/cx';
import { useSession } from '../../stores/session';

export interface PageRootProps {
  /** Navigation bar / document title (Chinese). */
  title: string;
  children: ReactNode;
  className?: string;
}

/**
 * The root of every page: applies 大字模式 (`sb-elder` switches the size tokens of
 * styles/variables.scss), WeChat's font scale (`--sb-font-scale`), and the page title.
 */
export function PageRoot({ title, children, className }: PageRootProps) {
  const elderMode = useSession((s) => s.user?.elderMode ?? false);
  const scale = useFontScale(elderMode);
  usePageTitle(title);
  // h5: Taro's tab bar, toast and navigation bar live outside the page; mirror the mode on <html>.
  const mirror = () => {
    if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
      document.documentElement.classList.toggle('sb-elder', elderMode);
    }
  };
  useEffect(mirror, [elderMode]);
  useDidShow(mirror);
  const style = { '--sb-font-scale': String(scale) } as CSSProperties;
  return (
    <View className={cx('sb-page', elderMode && 'sb-elder', className)} style={style}>
      {children}
    </View>
  );
}
