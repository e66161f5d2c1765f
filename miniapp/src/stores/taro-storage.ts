import Taro from '@tarojs/taro';
import type { StateStorage } from 'zustand/middleware';

/**
 * zustand's persist storage on top of Taro's synchronous storage (wx storage in weapp,
 * localStorage in h5). Synchronous, so the saved session (and elder mode) is there at first render.
 */
export const taroStorage: StateStorage = {
  getItem(name) {
    try {
      const value: unknown = Taro.getStorageSync(name);
      return typeof value === 'string' && value !== '' ? value : null;
    } catch {
      return null;
    }
  },
  setItem(name, value) {
    try {
      Taro.setStorageSync(name, value);
    } catch {
      // Storage full or unavailable: the session then lives in memory only.
    }
  },
  removeItem(name) {
    try {
      Taro.removeStorageSync(name);
    } catch {
      // ignore
    }
  },
};

/** A single value in Taro storage (not part of the persisted session). */
export function readStored(key: string): string | null {
  return taroStorage.getItem(key) as string | null;
}

export function writeStored(key: string, value: string): void {
  void taroStorage.setItem(key, value);
}
