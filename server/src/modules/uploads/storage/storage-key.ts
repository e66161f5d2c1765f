import { randomUUID } from 'node:crypto';

/** What a key may look like: lower-case letters, digits, `-`, `.` and `/` between segments; never `..`. */
const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9.-]*)*$/;

/** A fresh key: `2026/11/<uuid>` — unguessable and unrelated to the file's name. */
export function newStorageKey(now = new Date()): string {
  const yyyy = String(now.getUTCFullYear());
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${yyyy}/${mm}/${randomUUID()}`;
}

/** True for keys `newStorageKey` (plus an optional `-suffix` or `.ext`) can produce. */
export function isValidStorageKey(key: string): boolean {
  return key.length <= 200 && KEY_PATTERN.test(key) && !key.split('/').some((s) => s === '.' || s === '..' || s.startsWith('.'));
}
