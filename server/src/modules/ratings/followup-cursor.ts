import { isValidDate } from '../../common/clock/business-date';
import { AppError } from '../../common/errors/app-error';

/**
 * The cursor of the staff follow-up list, ordered by due date then id: the last row's `[dueOn, id]`
 * as opaque base64url. Anything else is a 400 naming `cursor`.
 */
export function encodeFollowupCursor(dueOn: string, id: number): string {
  return Buffer.from(JSON.stringify(['f', dueOn, id]), 'utf8').toString('base64url');
}

export function decodeFollowupCursor(cursor: string): { dueOn: string; id: number } {
  const bad = () => AppError.field('cursor', '游标无效，请从第一页重新加载');
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== 'f') throw bad();
  const [, dueOn, id] = parsed as [string, unknown, unknown];
  if (typeof dueOn !== 'string' || !isValidDate(dueOn)) throw bad();
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw bad();
  return { dueOn, id };
}
