import { AppError } from '../errors/app-error';

/**
 * The cursor of a list paged by id: the last id shown with a one-letter tag naming the list, as
 * opaque base64url (`["i",42]`). A cursor of another list, or anything malformed, is a 400 naming `cursor`.
 */
export function encodeIdCursor(tag: string, lastId: number): string {
  return Buffer.from(JSON.stringify([tag, lastId]), 'utf8').toString('base64url');
}

export function decodeIdCursor(tag: string, cursor: string): number {
  const bad = () => AppError.field('cursor', '游标无效，请从第一页重新加载');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== tag) throw bad();
  const id = parsed[1];
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw bad();
  return id;
}
