import Taro from '@tarojs/taro';
import type { LoginResultDto, UserDto } from '@sunboard/shared';
import { ApiError, describeError, isApiError } from '../lib/api-error';
import { chooseDevOpenid } from '../lib/dev-login';
import { readStored, writeStored } from '../stores/taro-storage';
import { tokenIsFresh, useSession } from '../stores/session';
import { http, setReauthenticator } from './http';

/**
 * Silent login.
 * - weapp: Taro.login() gives a code → POST /api/auth/wechat.
 * - h5 (demo/dev only): GET /api/client-config; when the server runs with the fake WeChat it
 *   names a dev-login URL that turns an openid into a code. The openid comes from `?as=` (demo
 *   staff accounts; remembered), else the stored one, else a new random one. Without devLogin the
 *   h5 build cannot log in: it says so.
 */
export interface ClientConfigDto {
  devLogin: { codeUrl: string } | null;
}

export const DEV_OPENID_KEY = 'sunboard.devOpenid';
export const LOGIN_UNSUPPORTED_MESSAGE = '网页版无法登录，请在微信中搜索并打开“阳光公开栏”小程序使用';

let clientConfig: Promise<ClientConfigDto> | null = null;

export function getClientConfig(): Promise<ClientConfigDto> {
  clientConfig ??= http.get<ClientConfigDto>('/api/client-config', undefined, { auth: false }).catch((err: unknown) => {
    clientConfig = null;
    throw err;
  });
  return clientConfig;
}

function currentLocation(): { search: string; hash: string } {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    return { search: window.location.search, hash: window.location.hash };
  }
  return { search: '', hash: '' };
}

/** h5: which openid to use; forgets a saved session that belongs to another openid. */
function pickDevOpenid(): string {
  const { search, hash } = currentLocation();
  const choice = chooseDevOpenid({ search, hash, stored: readStored(DEV_OPENID_KEY) });
  if (choice.switched) useSession.getState().clear();
  if (choice.remember) writeStored(DEV_OPENID_KEY, choice.openid);
  return choice.openid;
}

async function obtainLoginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const config = await getClientConfig();
    if (!config.devLogin) {
      throw new ApiError({ status: 0, code: 'LOGIN_UNSUPPORTED', message: LOGIN_UNSUPPORTED_MESSAGE });
    }
    const { code } = await http.post<{ code: string }>(config.devLogin.codeUrl, { openid: pickDevOpenid() }, { auth: false });
    return code;
  }
  try {
    const res = await Taro.login();
    if (!res.code) throw new Error(res.errMsg);
    return res.code;
  } catch {
    throw new ApiError({ status: 0, code: 'WECHAT_UNAVAILABLE', message: '微信登录失败，请稍后重试' });
  }
}

const RETRYABLE_CODE_ERRORS = new Set(['LOGIN_CODE_INVALID', 'LOGIN_CODE_EXPIRED', 'LOGIN_CODE_USED']);

/** Gets a fresh code and exchanges it for a token; one more try with a new code if the code was refused. */
export async function signIn(): Promise<LoginResultDto> {
  for (let attempt = 0; ; attempt++) {
    const code = await obtainLoginCode();
    try {
      const result = await http.post<LoginResultDto>('/api/auth/wechat', { code }, { auth: false });
      useSession.getState().signedIn(result);
      return result;
    } catch (err) {
      if (attempt === 0 && isApiError(err) && RETRYABLE_CODE_ERRORS.has(err.code)) continue;
      throw err;
    }
  }
}

setReauthenticator(async () => {
  await signIn();
});

let launching: Promise<void> | null = null;

/**
 * At launch (and on 重试): keep a fresh stored token and refresh the user, or sign in.
 * Single-flight; the outcome is in the session store's `status`.
 */
export function startSession(): Promise<void> {
  launching ??= (async () => {
    const store = useSession.getState();
    store.setStatus('pending');
    try {
      if (process.env.TARO_ENV === 'h5') pickDevOpenid();
      const { token, expiresAt } = useSession.getState();
      if (token && tokenIsFresh(expiresAt)) {
        // A 401 here re-logs in silently inside http.ts.
        useSession.getState().setUser(await http.get<UserDto>('/api/me'));
      } else {
        await signIn();
      }
      useSession.getState().setStatus('ready');
    } catch (err) {
      const unsupported = isApiError(err) && err.code === 'LOGIN_UNSUPPORTED';
      useSession.getState().setStatus(unsupported ? 'unsupported' : 'failed', describeError(err));
    }
  })().finally(() => {
    launching = null;
  });
  return launching;
}

/** 重新登录: drop the token and sign in again (the page stays as it is meanwhile). */
export async function relogin(): Promise<void> {
  useSession.getState().dropToken();
  try {
    await signIn();
    useSession.getState().setStatus('ready');
  } catch (err) {
    const unsupported = isApiError(err) && err.code === 'LOGIN_UNSUPPORTED';
    useSession.getState().setStatus(unsupported ? 'unsupported' : 'failed', describeError(err));
    throw err;
  }
}
