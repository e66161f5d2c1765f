import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../lib/api-error';
import { emptyCursorList, hasMore, mergeCursorPage, type CursorListState } from '../lib/cursor-list';

type Fetch<T> = (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>;

export interface CursorList<T> {
  items: T[];
  /** First page in flight (nothing to show yet). */
  loading: boolean;
  refreshing: boolean;
  loadingMore: boolean;
  /** Error of the first page / refresh. */
  error: string | null;
  /** Error of loading a further page (the list stays). */
  moreError: string | null;
  loaded: boolean;
  hasMore: boolean;
  reload: () => Promise<void>;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * A cursor-paginated list. `key` identifies the query (region, filter…): when it changes the list
 * starts over, and answers to an older query are dropped. `enabled` false waits (e.g. for login).
 */
export function useCursorList<T extends { id: number }>(fetchPage: Fetch<T>, key: string, enabled: boolean): CursorList<T> {
  const [state, setState] = useState<CursorListState<T>>(emptyCursorList);
  const [loading, setLoading] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const generation = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const busyMore = useRef(false);

  const loadFirst = useCallback(async (mode: 'reload' | 'refresh') => {
    const gen = ++generation.current;
    busyMore.current = false;
    setLoadingMore(false);
    if (mode === 'reload') {
      setState(emptyCursorList());
      setLoading(true);
    } else {
      setRefreshing(true);
    }
    setError(null);
    setMoreError(null);
    try {
      const page = await fetchRef.current(null);
      if (gen !== generation.current) return;
      setState((s) => mergeCursorPage(s, page, true));
    } catch (err) {
      if (gen !== generation.current) return;
      setError(describeError(err));
    } finally {
      if (gen === generation.current) {
        setLoading(false);
        setRefreshing(false);
      }
    }
  }, []);

  useEffect(() => {
    if (enabled) void loadFirst('reload');
  }, [enabled, key, loadFirst]);

  const loadMore = useCallback(async () => {
    const current = stateRef.current;
    if (!hasMore(current) || busyMore.current) return;
    const gen = generation.current;
    busyMore.current = true;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchRef.current(current.nextCursor);
      if (gen !== generation.current) return;
      setState((s) => mergeCursorPage(s, page, false));
    } catch (err) {
      if (gen === generation.current) setMoreError(describeError(err));
    } finally {
      if (gen === generation.current) {
        busyMore.current = false;
        setLoadingMore(false);
      }
    }
  }, []);

  return {
    items: state.items,
    loading,
    refreshing,
    loadingMore,
    error,
    moreError,
    loaded: state.loaded,
    hasMore: hasMore(state),
    reload: () => loadFirst('reload'),
    refresh: () => loadFirst('refresh'),
    loadMore,
  };
}
