/** The resident's recent searches, kept on the phone (newest first). */
export const RECENT_SEARCHES_KEY = 'sunboard.recentSearches';
export const RECENT_SEARCHES_MAX = 10;
export const SEARCH_QUERY_MAX = 50;

/** A stored value read back: only non-empty strings, at most `max`, duplicates dropped. */
export function parseRecentSearches(raw: unknown, max = RECENT_SEARCHES_MAX): string[] {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') continue;
    const q = item.trim();
    if (q && !out.includes(q)) out.push(q);
    if (out.length >= max) break;
  }
  return out;
}

/** The list with `query` moved (or added) to the front, capped at `max`; unchanged for a blank query. */
export function pushRecentSearch(list: readonly string[], query: string, max = RECENT_SEARCHES_MAX): string[] {
  const q = query.trim().slice(0, SEARCH_QUERY_MAX);
  if (!q) return list.slice(0, max);
  return [q, ...list.filter((item) => item !== q)].slice(0, max);
}

export function removeRecentSearch(list: readonly string[], query: string): string[] {
  return list.filter((item) => item !== query);
}
