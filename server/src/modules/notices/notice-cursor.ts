import { AppError } from '../../common/errors/app-error';

/**
 * Where the next page of the feed starts. The feed is ordered urgent desc, pinned desc,
 * published_at desc, id desc; the cursor carries the last row's key, so the next page starts
 * strictly after that row, and `asOf` — the time the first page was read — so every page of one
 * walk shows the feed as it was then. Notices published meanwhile (which may sort anywhere: a new
 * ordinary notice lands at the top of the ordinary group, which can still lie ahead of the cursor)
 * appear on the next refresh, never in the middle of a walk; nothing is skipped or repeated.
 * Encoded as base64url JSON: opaque to clients.
 */
export interface FeedCursor {
  urgent: boolean;
  pinned: boolean;
  publishedAt: Date;
  id: number;
  asOf: Date;
}

export function encodeFeedCursor(c: FeedCursor): string {
  const payload = [c.urgent ? 1 : 0, c.pinned ? 1 : 0, c.publishedAt.getTime(), c.id, c.asOf.getTime()];
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 && t <= 8.64e15;

/** The cursor's content, or 400 naming `cursor`. */
export function decodeFeedCursor(cursor: string): FeedCursor {
  const bad = () => AppError.field('cursor', '游标无效，请从第一页重新加载');
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw bad();
  const [u, p, t, id, asOf] = parsed as unknown[];
  const flag = (v: unknown) => v === 0 || v === 1;
  if (!flag(u) || !flag(p) || !isTime(t) || !isTime(asOf)) throw bad();
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw bad();
  return { urgent: u === 1, pinned: p === 1, publishedAt: new Date(t), id, asOf: new Date(asOf) };
}
