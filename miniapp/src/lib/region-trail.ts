import { HOME_REGION_LEVELS, REGION_LEVEL_LABELS, type RegionDto, type RegionLevel } from '@sunboard/shared';

/** What tapping a row of the region picker does. */
export type RegionRowAction = 'select' | 'drill' | 'none';

export function isHomeLevel(level: RegionLevel): boolean {
  return HOME_REGION_LEVELS.includes(level);
}

export function rowAction(region: Pick<RegionDto, 'level' | 'childCount'>): RegionRowAction {
  if (isHomeLevel(region.level)) return 'select';
  if (region.level === 'grid') return 'none';
  return region.childCount > 0 ? 'drill' : 'none';
}

/** The prompt above the list, e.g. 请选择街道/乡镇 for the children of a district. */
export function levelPrompt(trail: ReadonlyArray<Pick<RegionDto, 'level'>>): string {
  const last = trail[trail.length - 1];
  if (!last) return '请选择所在区县';
  switch (last.level) {
    case 'district':
      return '请选择所在街道或乡镇';
    case 'street':
    case 'town':
      return '请选择所在社区或村';
    default:
      return `请选择${REGION_LEVEL_LABELS[last.level]}`;
  }
}

/** `湛河区 / 马庄街道 / 光明社区` */
export function trailText(trail: ReadonlyArray<Pick<RegionDto, 'name'>>, extra?: string): string {
  return [...trail.map((r) => r.name), ...(extra ? [extra] : [])].join(' / ');
}

/** Cut the trail back so that `index` is its last element (-1: back to the roots). */
export function cutTrail<T>(trail: ReadonlyArray<T>, index: number): T[] {
  return trail.slice(0, Math.max(0, index + 1));
}
