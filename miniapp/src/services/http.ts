import Taro from '@tarojs/taro';
import { ApiError, toApiError, toNetworkError } from '../lib/api-error';
import { toQueryString } from '../lib/format';
import { useSession } from '../stores/session';

/**
 * The one Taro.request wrapper. Base URL from the build (API_BASE: '' in h5 = same origin),
 * bearer token from the session store, typed data for 2xx, ApiError otherwise, and exactly one
 * silent re-login + retry when the server answers 401.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: HttpMethod;
  query?: Query;
  body?: unknown;
  /** Send the bearer token and re-login on 401 (default true). */
  auth?: boolean;
  timeoutMs?: number;
}

export const apiBase: string = typeof API_BASE === 'string' ? API_BASE : '';

let reauthenticate: (() => Promise<void>) | null = null;
let reauthInFlight: Promise<void> | null = null;

/** services/auth registers its silent login here (avoids an import cycle). */
export function setReauthenticator(fn: () => Promise<void>): void {
  reauthenticate = fn;
}

/** The silent re-login shared by every caller (uploads use it for their own 401 retry). */
export function runReauth(): Promise<void> {
  if (!reauthenticate) return Promise.reject(new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: '请先登录' }));
  // Concurrent 401s share one login.
  reauthInFlight ??= reauthenticate().finally(() => {
    reauthInFlight = null;
  });
  return reauthInFlight;
}

function resolveUrl(path: string, query?: Query): string {
  const absolute = /^https?:\/\//i.test(path);
  return `${absolute ? path : `${apiBase}${path}`}${query ? toQueryString(query) : ''}`;
}

async function send<T>(path: string, opts: RequestOptions, token: string | null): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;

  let res: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject | string>;
  try {
    res = await Taro.request({
      url: resolveUrl(path, opts.query),
      method: opts.method ?? 'GET',
      data: opts.body as Taro.request.Option['data'],
      header,
      dataType: 'json',
      timeout: opts.timeoutMs ?? 15_000,
    });
  } catch (err) {
    throw toNetworkError(err);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  throw toApiError(res.statusCode, res.data);
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const auth = opts.auth ?? true;
  const token = auth ? useSession.getState().token : null;
  try {
    return await send<T>(path, opts, token);
  } catch (err) {
    if (!(auth && err instanceof ApiError && err.status === 401)) throw err;
    // The token is gone or expired: log in again silently, then retry exactly once.
    useSession.getState().dropToken();
    await runReauth();
    return send<T>(path, opts, useSession.getState().token);
  }
}

export const http = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'method' | 'query'>) => request<T>(path, { ...opts, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) => request<T>(path, { ...opts, method: 'POST', body }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) => request<T>(path, { ...opts, method: 'PATCH', body }),
};
