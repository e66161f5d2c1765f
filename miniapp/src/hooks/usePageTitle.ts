import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';

export const APP_NAME = '阳光公开栏';

function apply(title: string): void {
  const setDocument = () => {
    if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
      document.documentElement.lang = 'zh-CN';
      document.title = title === APP_NAME ? APP_NAME : `${title} - ${APP_NAME}`;
    }
  };
  setDocument();
  Taro.setNavigationBarTitle({ title })
    .catch(() => undefined) // not fatal: the page config title stays
    .finally(setDocument); // h5: Taro sets document.title to the bare title; add the app name
}

/** Sets the navigation bar title (and document.title + lang in h5) whenever the page shows. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    apply(title);
  }, [title]);
  useDidShow(() => {
    apply(title);
  });
}
