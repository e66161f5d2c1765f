import { createHash, timingSafeEqual } from 'node:crypto';

/** WeChat's message-push signature: sha1 hex of the sorted [token, timestamp, nonce], joined. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export type SignatureCheck = 'ok' | 'missing' | 'mismatch';

/** Checks the `signature`, `timestamp` and `nonce` query parameters in constant time. */
export function checkWechatSignature(
  token: string,
  query: { signature?: unknown; timestamp?: unknown; nonce?: unknown },
): SignatureCheck {
  const { signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') return 'missing';
  if (!signature || !timestamp || !nonce) return 'missing';
  const expected = Buffer.from(wechatSignature(token, timestamp, nonce), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}
