import type { RegionDto, RegionRefDto } from '@sunboard/shared';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../../lib/api-error';
import { buildScopeOptions, parentsToExpand, type ScopeOption } from '../../../lib/region-scope';
import { scopeRoots } from '../../../lib/staff';
import { listRegions } from '../../../services/regions';
import { useSession } from '../../../stores/session';

const MAX_DEPTH = 2;

/**
 * The regions the author may post for: the regions of their staff roles and up to two levels below
 * (a street reviewer: the street, its communities and their grids), loaded level by level.
 */
export function useScopeOptions(): { options: ScopeOption[] | null; error: string | null; reload: () => void } {
  const user = useSession((s) => s.user);
  const [options, setOptions] = useState<ScopeOption[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(async () => {
    let roots = scopeRoots(user);
    if (roots.length === 1 && roots[0] === null) {
      // An admin over the whole tree: start from the districts.
      roots = (await listRegions()).map((r): RegionRefDto => ({ id: r.id, name: r.name, level: r.level, fullName: r.name }));
    }
    const realRoots = roots.filter((r): r is RegionRefDto => r !== null);
    const children = new Map<number, RegionDto[]>();
    const loaded = new Set<number>();
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const pending = parentsToExpand(buildScopeOptions(realRoots, children, MAX_DEPTH), loaded, MAX_DEPTH).filter((o) => o.depth === depth);
      if (!pending.length) break;
      const lists = await Promise.all(pending.map((o) => listRegions(o.id)));
      pending.forEach((o, i) => {
        loaded.add(o.id);
        children.set(o.id, lists[i]);
      });
    }
    return buildScopeOptions(realRoots, children, MAX_DEPTH);
  }, [user]);

  useEffect(() => {
    let alive = true;
    setError(null);
    load()
      .then((o) => alive && setOptions(o))
      .catch((err) => alive && setError(describeError(err)));
    return () => {
      alive = false;
    };
  }, [load, attempt]);

  return { options, error, reload: () => setAttempt((n) => n + 1) };
}
