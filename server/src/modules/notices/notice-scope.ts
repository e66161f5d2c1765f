import type { RegionRefDto } from '@sunboard/shared';
import { pathIds, type Region } from '../regions/region.entity';
import type { RegionsService } from '../regions/regions.service';

/** Whose notices a feed shows: a region and every region above it, with the references its cards embed. */
export interface FeedScope {
  region: Region;
  /** The region's id and its ancestors', root first. */
  regionIds: number[];
  /** `{id, name, level, fullName}` of each of them: every card of the feed comes from one of these. */
  refs: Map<number, RegionRefDto>;
}

/** Two indexed queries (the region, then its ancestors); 404 REGION_NOT_FOUND naming `field` when unknown. */
export async function loadFeedScope(regions: RegionsService, regionId: number, field = 'regionId'): Promise<FeedScope> {
  const region = await regions.get(regionId, field);
  const chain = [...(await regions.ancestors(region)), region];
  const names = new Map(chain.map((r) => [r.id, r.name]));
  const refs = new Map<number, RegionRefDto>();
  for (const r of chain) {
    const fullName = pathIds(r.path)
      .map((id) => names.get(id))
      .filter(Boolean)
      .join(' / ');
    refs.set(r.id, { id: r.id, name: r.name, level: r.level, fullName });
  }
  return { region, regionIds: [...new Set(chain.map((r) => r.id))], refs };
}
