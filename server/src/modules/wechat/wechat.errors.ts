/** The WeChat endpoints the client calls, as named in errors and logs. */
export type WechatEndpoint = 'jscode2session' | 'stable_token' | 'subscribe_send' | 'msg_sec_check' | 'getwxacodeunlimit';

/** WeChat answered (HTTP 200) with a non-zero errcode. Callers branch on `errcode`. */
export class WechatApiError extends Error {
  override readonly name = 'WechatApiError';

  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly endpoint: WechatEndpoint,
  ) {
    super(`WeChat ${endpoint} failed: ${errcode} ${errmsg}`);
  }

  /** For 47003: the data key WeChat names in errmsg (`data.thing1.value` → `thing1`), else null. */
  get field(): string | null {
    return /\bdata\.([A-Za-z_]+\d*)\.value\b/.exec(this.errmsg)?.[1] ?? null;
  }
}

export type TransportFailure = 'timeout' | 'network' | 'http' | 'parse';

/** WeChat could not be reached or did not answer as WeChat does (non-2xx, timeout, garbage). */
export class WechatTransportError extends Error {
  override readonly name = 'WechatTransportError';

  constructor(
    readonly kind: TransportFailure,
    readonly endpoint: WechatEndpoint,
    detail: string,
    /** The HTTP status for `kind: 'http'`. */
    readonly status?: number,
  ) {
    super(`WeChat ${endpoint} ${kind}: ${detail}`);
  }
}

/** Token errors after which the client refreshes the token and retries once. */
export const TOKEN_ERRCODES: readonly number[] = [40001, 40014, 42001];

export type LoginErrorKind = 'invalid' | 'expired' | 'used' | 'blocked';

/**
 * Classifies a code2Session failure. WeChat answers 40029 for both unknown and expired codes; the
 * fake (and our reading of errmsg) says `code expired` for the latter. 40163: already used;
 * 40226: high-risk user blocked. Anything else (including transport errors) → null.
 */
export function loginErrorKind(err: unknown): LoginErrorKind | null {
  if (!(err instanceof WechatApiError) || err.endpoint !== 'jscode2session') return null;
  switch (err.errcode) {
    case 40029:
      return /expired/i.test(err.errmsg) ? 'expired' : 'invalid';
    case 40163:
      return 'used';
    case 40226:
      return 'blocked';
    default:
      return null;
  }
}
