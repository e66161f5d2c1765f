import { AppError } from '../../common/errors/app-error';

/** Case lists run newest first by id; the cursor is the last id shown, as opaque base64url. */
export function encodeCaseCursor(lastId: number): string {
  return Buffer.from(JSON.stringify(['c', lastId]), 'utf8').toString('base64url');
}

/** The id to continue below, or 400 naming `cursor`. */
export function decodeCaseCursor(cursor: string): number {
  const bad = () => AppError.field('cursor', '游标无效，请从第一页重新加载');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== 'c') throw bad();
  const id = parsed[1];
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw bad();
  return id;
}
