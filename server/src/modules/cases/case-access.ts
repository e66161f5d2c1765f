import { STAFF_ROLES, type StaffRole } from '@sunboard/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { covers, grantCovers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { ServiceCase } from './service-case.entity';

export interface LoadedCase {
  c: ServiceCase;
  regionPath: string;
  regionName: string;
}

export async function loadCase(manager: EntityManager, id: number): Promise<LoadedCase | null> {
  const c = await manager.getRepository(ServiceCase).findOneBy({ id });
  if (!c) return null;
  const rows: Array<{ path: string; name: string }> = await manager.query('SELECT path, name FROM region WHERE id = ?', [c.regionId]);
  return { c, regionPath: rows[0]?.path ?? '', regionName: rows[0]?.name ?? '' };
}

/**
 * Who may read a case: its applicant, and staff covering its region. Anyone else: staff get 403
 * (the case exists but is outside their regions), residents 404 (a case number is not disclosed).
 */
export function assertReadable(user: AuthUser, lc: LoadedCase | null): { staff: boolean; applicant: boolean } {
  if (!lc) throw AppError.notFound('办件');
  const applicant = lc.c.applicantUserId === user.id;
  const staff = covers(user, lc.regionPath, STAFF_ROLES);
  if (applicant || staff) return { staff, applicant };
  if (user.grants.length) throw new AppError('OUT_OF_SCOPE', '该办件不在您的管辖范围内');
  throw AppError.notFound('办件');
}

const RANK: Record<StaffRole, number> = { grid_worker: 1, reviewer: 2, admin: 3 };

/** The highest staff role the user holds over the region (null when none). */
export function roleOver(user: AuthUser, regionPath: string): StaffRole | null {
  let best: StaffRole | null = null;
  for (const g of user.grants) if (grantCovers(g, regionPath) && (!best || RANK[g.role] > RANK[best])) best = g.role;
  return best;
}

/** Staff covering the case may manage it; a step or the result may need a higher role than a grid worker's. */
export function assertManages(user: AuthUser, lc: LoadedCase | null, needs: StaffRole = 'grid_worker'): StaffRole {
  if (!lc) throw AppError.notFound('办件');
  const role = roleOver(user, lc.regionPath);
  if (!role) {
    if (user.grants.length) throw new AppError('OUT_OF_SCOPE', '该办件不在您的管辖范围内');
    throw AppError.notFound('办件');
  }
  if (RANK[role] < RANK[needs]) {
    throw AppError.forbidden(needs === 'admin' ? '这一步需要由管理员办理' : '这一步需要由审核人或管理员办理');
  }
  return role;
}
