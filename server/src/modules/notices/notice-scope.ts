import type { DataSource } from 'typeorm';
import type { RegionLevel, RegionRefDto } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { pathIds } from '../regions/region.entity';

/** Whose notices a feed shows: a region and every region above it, with the references its cards embed. */
export interface FeedScope {
  regionId: number;
  /** The region's id and its ancestors', root first. */
  regionIds: number[];
  /** `{id, name, level, fullName}` of each of them: every card of the feed comes from one of these. */
  refs: Map<number, RegionRefDto>;
}

interface RegionRow {
  id: number | string;
  name: string;
  level: RegionLevel;
  path: string;
}

const COLUMNS = 'SELECT id, name, level, path FROM region WHERE';

/**
 * Two primary-key queries: the region, then its ancestors (the ids on its path). Raw SQL rather than
 * RegionsService: this runs on every feed request, and the repository's query building and entity
 * hydration cost more than the queries (docs/performance.md). An unknown region is 404
 * REGION_NOT_FOUND naming `field`, as RegionsService.get answers.
 */
export async function loadFeedScope(db: DataSource, regionId: number, field = 'regionId'): Promise<FeedScope> {
  const [region] = (await db.query(`${COLUMNS} id = ?`, [regionId])) as RegionRow[];
  if (!region) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: field, reason: `区域 ${regionId} 不存在` }]);
  const ids = pathIds(region.path).filter((id) => id !== Number(region.id));
  const ancestors = ids.length ? ((await db.query(`${COLUMNS} id IN (${ids.map(() => '?').join(', ')})`, ids)) as RegionRow[]) : [];
  const byId = new Map([...ancestors, region].map((r) => [Number(r.id), r]));
  const chain = [...ids, Number(region.id)].map((id) => byId.get(id)).filter((r): r is RegionRow => !!r);
  const refs = new Map<number, RegionRefDto>();
  for (const r of chain) {
    const fullName = pathIds(r.path)
      .map((id) => byId.get(id)?.name)
      .filter(Boolean)
      .join(' / ');
    refs.set(Number(r.id), { id: Number(r.id), name: r.name, level: r.level, fullName });
  }
  return { regionId: Number(region.id), regionIds: chain.map((r) => Number(r.id)), refs };
}
