import type { DataSource } from 'typeorm';
import type { RegionLevel } from '@sunboard/shared';
import { Region } from '../../src/modules/regions/region.entity';

let seq = 0;

/** Inserts one region under `parent` (or as a root) with its materialised path. */
export async function makeRegion(db: DataSource, level: RegionLevel, name: string, parent: Region | null = null, code?: string): Promise<Region> {
  const repo = db.getRepository(Region);
  const region = await repo.save(
    repo.create({ code: code ?? `T${Date.now().toString(36)}${seq++}`, name, level, parentId: parent?.id ?? null, path: '/', depth: parent ? parent.depth + 1 : 1 }),
  );
  region.path = `${parent ? parent.path : '/'}${region.id}/`;
  return repo.save(region);
}

/**
 * A small district: 湛河区 → 马庄街道 (光明社区 → 网格一; 建设路社区) and 河滨街道 (湛南社区), and 曹镇乡 (北渡村).
 */
export async function makeRegionTree(db: DataSource) {
  const district = await makeRegion(db, 'district', '湛河区');
  const streetA = await makeRegion(db, 'street', '马庄街道', district);
  const streetB = await makeRegion(db, 'street', '河滨街道', district);
  const town = await makeRegion(db, 'town', '曹镇乡', district);
  const communityA1 = await makeRegion(db, 'community', '光明社区', streetA);
  const communityA2 = await makeRegion(db, 'community', '建设路社区', streetA);
  const communityB1 = await makeRegion(db, 'community', '湛南社区', streetB);
  const village = await makeRegion(db, 'village', '北渡村', town);
  const gridA1 = await makeRegion(db, 'grid', '光明社区网格一', communityA1);
  return { district, streetA, streetB, town, communityA1, communityA2, communityB1, village, gridA1 };
}
export type RegionTree = Awaited<ReturnType<typeof makeRegionTree>>;
