import { AppError } from '../../common/errors/app-error';

/** Staff lists are ordered by id, newest first; the cursor is the last id seen, opaque to clients. */
export function encodeIdCursor(id: number): string {
  return Buffer.from(`n${id}`, 'utf8').toString('base64url');
}

/** The id after which the next page starts, or 400 naming `cursor`. */
export function decodeIdCursor(cursor: string): number {
  const raw = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^n(\d{1,10})$/.exec(raw);
  const id = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw AppError.field('cursor', '游标无效，请从第一页重新加载');
  return id;
}
