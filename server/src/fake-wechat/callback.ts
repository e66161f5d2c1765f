import { createHash, randomBytes } from 'node:crypto';
import type { FakeWechatState } from './state';

/** WeChat's push signature: sha1 of the sorted [token, timestamp, nonce], joined. */
export function callbackSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export interface PushResult {
  status: number;
  body: string;
}

/**
 * POSTs a JSON event push (plaintext mode) to the configured callback URL with the
 * `signature`, `timestamp` and `nonce` query parameters WeChat adds.
 */
export async function pushEvent(state: FakeWechatState, openid: string, event: string, list: Record<string, unknown>): Promise<PushResult> {
  if (!state.callback.url) throw new Error('no callback URL: start the fake with callbackUrl or POST /__test/callback');
  const timestamp = String(Math.floor(state.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const url = new URL(state.callback.url);
  url.searchParams.set('signature', callbackSignature(state.callback.token, timestamp, nonce));
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  const payload = {
    ToUserName: 'gh_fake_sunboard',
    FromUserName: openid,
    CreateTime: Number(timestamp),
    MsgType: 'event',
    Event: event,
    // In JSON pushes List is an object for one item (an array only for several).
    List: list,
  };
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, body: await res.text() };
}
