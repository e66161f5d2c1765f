import type { DataSource } from 'typeorm';
import type { RegionLevel, RegionRefDto } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { pathIds } from '../regions/region.entity';
import type { Sql } from './notice-feed.sql';

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

/** Levels read in one query: district → street/town → community/village → grid is 4; 6 leaves room. */
export const SCOPE_DEPTH = 6;

/**
 * The region and up to SCOPE_DEPTH - 1 ancestors in one statement: a chain of primary-key joins on
 * parent_id (r0 is the region, r1 its parent, …). Pure, so the benchmark's reference runs it too.
 */
const SCOPE_SQL = (() => {
  const cols: string[] = [];
  const joins: string[] = [];
  for (let i = 0; i < SCOPE_DEPTH; i++) {
    cols.push(`r${i}.id AS id${i}`, `r${i}.name AS name${i}`, `r${i}.level AS level${i}`, `r${i}.path AS path${i}`);
    if (i > 0) joins.push(`LEFT JOIN region r${i} ON r${i}.id = r${i - 1}.parent_id`);
  }
  return `SELECT ${cols.join(', ')} FROM region r0 ${joins.join(' ')} WHERE r0.id = ?`;
})();

export function scopeSql(regionId: number): Sql {
  return { sql: SCOPE_SQL, params: [regionId] };
}

/**
 * The scope of `regionId`: one primary-key query for the region and its ancestors (scopeSql), raw
 * rather than through RegionsService because it runs on every feed request and the repository's
 * query building and hydration cost more than the query (docs/performance.md). The ancestors are
 * the ids on the region's materialised path; should the parent chain be deeper than SCOPE_DEPTH or
 * disagree with the path, they are read by those ids instead. An unknown region is 404
 * REGION_NOT_FOUND naming `field`, as RegionsService.get answers.
 */
export async function loadFeedScope(db: DataSource, regionId: number, field = 'regionId'): Promise<FeedScope> {
  const { sql, params } = scopeSql(regionId);
  const [row] = (await db.query(sql, params)) as Array<Record<string, unknown>>;
  if (!row || row.id0 === null || row.id0 === undefined) {
    throw new AppError('REGION_NOT_FOUND', undefined, [{ path: field, reason: `区域 ${regionId} 不存在` }]);
  }
  const chain: RegionRow[] = [];
  for (let i = 0; i < SCOPE_DEPTH && row[`id${i}`] !== null && row[`id${i}`] !== undefined; i++) {
    chain.push({ id: row[`id${i}`] as number, name: row[`name${i}`] as string, level: row[`level${i}`] as RegionLevel, path: row[`path${i}`] as string });
  }
  const region = chain[0];
  const wanted = pathIds(region.path);
  const byId = new Map(chain.map((r) => [Number(r.id), r]));
  const missing = wanted.filter((id) => !byId.has(id));
  if (missing.length) {
    const more = (await db.query(`SELECT id, name, level, path FROM region WHERE id IN (${missing.map(() => '?').join(', ')})`, missing)) as RegionRow[];
    for (const r of more) byId.set(Number(r.id), r);
  }
  const ids = [...new Set([...wanted.filter((id) => byId.has(id)), Number(region.id)])];
  const refs = new Map<number, RegionRefDto>();
  for (const id of ids) {
    const r = byId.get(id)!;
    const fullName = pathIds(r.path)
      .map((x) => byId.get(x)?.name)
      .filter(Boolean)
      .join(' / ');
    refs.set(id, { id, name: r.name, level: r.level, fullName });
  }
  return { regionId: Number(region.id), regionIds: ids, refs };
}
