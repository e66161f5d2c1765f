import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../../lib/api-error';

export interface Remote<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * One resource fetched for the current query (`key`): the last answer stays shown while a new one
 * loads; answers to an older query are dropped. `fetcher` null waits (e.g. no region chosen yet).
 */
export function useRemote<T>(fetcher: (() => Promise<T>) | null, key: string): Remote<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetcher);
  fetchRef.current = fetcher;

  const reload = useCallback(async () => {
    const fetch = fetchRef.current;
    if (!fetch) return;
    const gen = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const next = await fetch();
      if (gen === generation.current) setData(next);
    } catch (err) {
      if (gen === generation.current) setError(describeError(err));
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  }, []);

  const enabled = fetcher !== null;
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, key, reload]);

  return { data, error, loading, reload };
}
