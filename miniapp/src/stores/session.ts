import type { LoginResultDto, UserDto } from '@sunboard/shared';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { taroStorage } from './taro-storage';

/**
 * The signed-in session: token and the current user. Persisted to Taro storage. Server data
 * other than the user (notices, regions…) is fetched by the pages and not kept here.
 */
export type SessionStatus = 'idle' | 'pending' | 'ready' | 'failed' | 'unsupported';

export interface SessionState {
  token: string | null;
  expiresAt: string | null;
  user: UserDto | null;
  /** Launch sign-in progress (not persisted). */
  status: SessionStatus;
  /** Plain Chinese reason when status is failed/unsupported. */
  error: string | null;

  signedIn: (result: LoginResultDto) => void;
  setUser: (user: UserDto) => void;
  setStatus: (status: SessionStatus, error?: string | null) => void;
  /** Forget the token (the user stays shown until a new one arrives). */
  dropToken: () => void;
  clear: () => void;
}

export const SESSION_STORAGE_KEY = 'sunboard.session';

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      token: null,
      expiresAt: null,
      user: null,
      status: 'idle',
      error: null,
      signedIn: (result) => set({ token: result.token, expiresAt: result.expiresAt, user: result.user }),
      setUser: (user) => set({ user }),
      setStatus: (status, error = null) => set({ status, error }),
      dropToken: () => set({ token: null, expiresAt: null }),
      clear: () => set({ token: null, expiresAt: null, user: null }),
    }),
    {
      name: SESSION_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      partialize: (s) => ({ token: s.token, expiresAt: s.expiresAt, user: s.user }),
    },
  ),
);

/** True when a stored token is still good for at least `marginMs`. */
export function tokenIsFresh(expiresAt: string | null, now = Date.now(), marginMs = 60_000): boolean {
  if (!expiresAt) return false;
  const t = Date.parse(expiresAt);
  return !Number.isNaN(t) && t - now > marginMs;
}
