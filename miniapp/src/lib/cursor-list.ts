/** Merging pages of a cursor-paginated list (`{items, nextCursor}`) without duplicates. */
export interface CursorListState<T> {
  items: T[];
  nextCursor: string | null;
  /** False until the first page arrived. */
  loaded: boolean;
}

export function emptyCursorList<T>(): CursorListState<T> {
  return { items: [], nextCursor: null, loaded: false };
}

/**
 * `reset` replaces the list (first page, refresh, filter change); otherwise the page is appended,
 * skipping items already present (a notice published between two pages shifts the list).
 */
export function mergeCursorPage<T extends { id: number | string }>(
  state: CursorListState<T>,
  page: { items: T[]; nextCursor: string | null },
  reset: boolean,
): CursorListState<T> {
  if (reset) {
    const seen = new Set<T['id']>();
    const items = page.items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
    return { items, nextCursor: page.nextCursor, loaded: true };
  }
  const seen = new Set(state.items.map((item) => item.id));
  const fresh = page.items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
  return { items: state.items.concat(fresh), nextCursor: page.nextCursor, loaded: true };
}

export function hasMore(state: CursorListState<unknown>): boolean {
  return state.loaded && state.nextCursor !== null;
}
