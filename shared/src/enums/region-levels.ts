/**
 * Levels of the administrative tree: district → street/town → community/village → grid.
 * `rank` is the depth a level sits at; a child's rank must be exactly its parent's rank + 1.
 */
export const REGION_LEVELS = ['district', 'street', 'town', 'community', 'village', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_RANK: Record<RegionLevel, number> = {
  district: 1,
  street: 2,
  town: 2,
  community: 3,
  village: 3,
  grid: 4,
};

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  district: '区县',
  street: '街道',
  town: '乡镇',
  community: '社区',
  village: '村',
  grid: '网格',
};

/** Levels a resident can call home: a community or a village. */
export const HOME_REGION_LEVELS: readonly RegionLevel[] = ['community', 'village'];

/** True when `child` may sit directly under `parent` (null parent: only a district). */
export function canNestRegion(parent: RegionLevel | null, child: RegionLevel): boolean {
  if (parent === null) return REGION_LEVEL_RANK[child] === 1;
  return REGION_LEVEL_RANK[child] === REGION_LEVEL_RANK[parent] + 1;
}
