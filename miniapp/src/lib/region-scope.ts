import type { RegionDto, RegionLevel, RegionRefDto } from '@sunboard/shared';

/** A region the author may post for, as a picker option. */
export interface ScopeOption {
  id: number;
  name: string;
  level: RegionLevel;
  fullName: string;
  /** 0 for a role's own region, 1 for its children… */
  depth: number;
}

export const SCOPE_SEPARATOR = ' / ';

/**
 * The options of the region picker: each root (a region a staff role covers) followed by the regions
 * below it that were loaded (`children` by parent id), depth first, each labelled with its full name.
 */
export function buildScopeOptions(roots: ReadonlyArray<RegionRefDto>, children: ReadonlyMap<number, ReadonlyArray<RegionDto>>, maxDepth = 2): ScopeOption[] {
  const out: ScopeOption[] = [];
  const seen = new Set<number>();
  const walk = (id: number, name: string, level: RegionLevel, fullName: string, depth: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ id, name, level, fullName, depth });
    if (depth >= maxDepth) return;
    for (const c of children.get(id) ?? []) walk(c.id, c.name, c.level, `${fullName}${SCOPE_SEPARATOR}${c.name}`, depth + 1);
  };
  for (const r of roots) walk(r.id, r.name, r.level, r.fullName || r.name, 0);
  return out;
}

/** Which loaded regions still need their children fetched (to reach `maxDepth` below a root). */
export function parentsToExpand(options: ReadonlyArray<ScopeOption>, loaded: ReadonlySet<number>, maxDepth = 2): ScopeOption[] {
  return options.filter((o) => o.depth < maxDepth && o.level !== 'grid' && !loaded.has(o.id));
}
