import { TOKEN_ERRCODES, WechatApiError, WechatTransportError } from '../../wechat/wechat.errors';

/**
 * What one send attempt means for its outbox row:
 * - `sent`: WeChat took it; keep the msgid (a string — it exceeds 2^53).
 * - `refused`: 43101, the resident has no credit (or refused): never retried; the credit is marked spent.
 * - `failed`: will not get better by retrying (47003 names the field, 40003 bad openid, 40037 bad template…).
 * - `retry`: busy or unreachable (-1, 45011, 45009, 5xx, timeouts, network, a second token error):
 *   back to the queue with backoff, until the attempts run out.
 */
export type SendOutcome =
  | { kind: 'sent'; msgid: string }
  | { kind: 'refused'; error: string }
  | { kind: 'failed'; error: string }
  | { kind: 'retry'; error: string };

/** errcodes that a later attempt may get past. */
const RETRYABLE_ERRCODES: readonly number[] = [-1, 45009, 45011, ...TOKEN_ERRCODES];

/** last_error is varchar(255). */
export function clip(text: string, max = 255): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Classifies a failed send. Never includes the URL, the token or the message content. */
export function classifySendError(err: unknown): Exclude<SendOutcome, { kind: 'sent' }> {
  if (err instanceof WechatApiError) {
    if (err.errcode === 43101) return { kind: 'refused', error: '43101 用户拒绝接收或订阅次数已用完' };
    if (err.errcode === 47003) {
      const field = err.field;
      return { kind: 'failed', error: clip(`47003 ${field ? `data.${field}.value` : 'argument'} invalid${field ? ` (field ${field})` : ''}: ${err.errmsg}`) };
    }
    const error = clip(`${err.errcode} ${err.errmsg}`);
    return RETRYABLE_ERRCODES.includes(err.errcode) ? { kind: 'retry', error } : { kind: 'failed', error };
  }
  if (err instanceof WechatTransportError) {
    const error = clip(err.kind === 'http' ? `HTTP ${err.status ?? '?'} from WeChat` : `${err.kind}: ${err.message}`);
    // A 4xx is not WeChat's way of saying anything (it answers errors with HTTP 200): treat it as
    // transient like a 5xx rather than lose the message on a proxy hiccup.
    return { kind: 'retry', error };
  }
  return { kind: 'retry', error: clip(`unexpected: ${err instanceof Error ? err.message : String(err)}`) };
}

/**
 * True when the send got no answer from WeChat at all — the connection was refused or dropped, the
 * call timed out, or something in between answered 5xx — as opposed to an answer (even an errcode,
 * a 4xx or an unreadable body). What the dispatcher's WechatGate counts to tell that WeChat is down.
 */
export function wechatUnreachable(err: unknown): boolean {
  if (!(err instanceof WechatTransportError)) return false;
  return err.kind === 'network' || err.kind === 'timeout' || (err.kind === 'http' && (err.status ?? 500) >= 500);
}
