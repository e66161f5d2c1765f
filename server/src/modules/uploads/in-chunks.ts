/** `IN (…)` lists are sent in chunks of this many values. */
export const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Positive integer ids, once each, in the order first given. */
export function uniqueIds(ids: readonly number[]): number[] {
  return [...new Set(ids.map(Number))];
}
