import type { DataSource } from 'typeorm';
import { STAFF_ROLES } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';

/** The region a dashboard or report is about: everything whose region path starts with `path`. */
export interface ReportRegion {
  id: number;
  name: string;
  path: string;
}

/**
 * Loads the region and checks that the caller holds a staff role (any) over it: 404 naming
 * `regionId` when it does not exist, 403 OUT_OF_SCOPE when it lies outside the caller's regions.
 */
export async function reportRegion(db: DataSource, user: AuthUser, regionId: number): Promise<ReportRegion> {
  const rows: Array<{ id: number | string; name: string; path: string }> = await db.query('SELECT id, name, path FROM region WHERE id = ?', [regionId]);
  if (!rows.length) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: 'regionId', reason: `区域 ${regionId} 不存在` }]);
  assertCovers(user, rows[0].path, STAFF_ROLES);
  return { id: Number(rows[0].id), name: rows[0].name, path: rows[0].path };
}

/** The direct children of a region, in code order. */
export async function childRegions(db: DataSource, regionId: number): Promise<ReportRegion[]> {
  const rows: Array<{ id: number | string; name: string; path: string }> = await db.query('SELECT id, name, path FROM region WHERE parent_id = ? ORDER BY code, id', [
    regionId,
  ]);
  return rows.map((r) => ({ id: Number(r.id), name: r.name, path: r.path }));
}
