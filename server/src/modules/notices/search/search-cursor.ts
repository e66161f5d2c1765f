import { AppError } from '../../../common/errors/app-error';

/**
 * Where the next page of search results starts: results are ordered by tier (1: every key term in
 * the title, 0: the rest), then newest, then id — all descending; the cursor carries the last row's
 * key and `asOf`, the time of the first page, so a walk through the pages neither skips nor repeats
 * when notices are published meanwhile. Base64url JSON whose first element is 's', so a feed cursor
 * is never taken for a search cursor (nor the other way round).
 */
export interface SearchCursor {
  tier: 0 | 1;
  publishedAt: Date;
  id: number;
  asOf: Date;
}

export function encodeSearchCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify(['s', c.tier, c.publishedAt.getTime(), c.id, c.asOf.getTime()]), 'utf8').toString('base64url');
}

const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 && t <= 8.64e15;

/** The cursor's content, or 400 naming `cursor`. */
export function decodeSearchCursor(cursor: string): SearchCursor {
  const bad = () => AppError.field('cursor', '游标无效，请从第一页重新加载');
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw bad();
  const [tag, tier, t, id, asOf] = parsed as unknown[];
  if (tag !== 's' || (tier !== 0 && tier !== 1) || !isTime(t) || !isTime(asOf)) throw bad();
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw bad();
  return { tier, publishedAt: new Date(t), id, asOf: new Date(asOf) };
}
