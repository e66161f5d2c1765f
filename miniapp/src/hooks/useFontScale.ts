import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import { computeFontScale } from '../lib/font-scale';

let systemFactor: number | undefined;

/** WeChat's font size setting (getAppBaseInfo().fontSizeScaleFactor); undefined in h5. */
export function readSystemFontFactor(): number | undefined {
  if (systemFactor !== undefined) return systemFactor;
  try {
    const info = (Taro.getAppBaseInfo?.() ?? {}) as { fontSizeScaleFactor?: unknown };
    systemFactor = typeof info.fontSizeScaleFactor === 'number' ? info.fontSizeScaleFactor : undefined;
  } catch {
    systemFactor = undefined;
  }
  return systemFactor;
}

export function useFontScale(elderMode: boolean): number {
  return useMemo(() => computeFontScale(readSystemFontFactor(), elderMode), [elderMode]);
}
