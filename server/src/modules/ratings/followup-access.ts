import type { EntityManager } from 'typeorm';
import { STAFF_ROLES, type StaffRole } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { covers, grantCovers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { RatingFollowup } from './rating-followup.entity';
import { Rating } from './rating.entity';

export interface RegionInfo {
  id: number;
  name: string;
  path: string;
  parentId: number | null;
}

/** A follow-up with its rating and the regions that decide who may act on it. */
export interface LoadedFollowup {
  f: RatingFollowup;
  rating: Rating;
  region: RegionInfo;
  /** The region above the owner's (the appeal reviewers' and the escalation's), null at the root. */
  parent: RegionInfo | null;
  escalatedTo: RegionInfo | null;
  place: FollowupPlace;
}

/** The region paths that decide who may act on a follow-up. */
export interface FollowupPlace {
  regionPath: string;
  /** The region above the owner's, null at the root. */
  parentPath: string | null;
  escalatedPath: string | null;
}

export async function regionInfo(m: EntityManager, id: number | null): Promise<RegionInfo | null> {
  if (id === null) return null;
  const rows: Array<{ id: number | string; name: string; path: string; parent_id: number | string | null }> = await m.query(
    'SELECT id, name, path, parent_id FROM region WHERE id = ?',
    [id],
  );
  const r = rows[0];
  return r ? { id: Number(r.id), name: r.name, path: r.path, parentId: r.parent_id === null ? null : Number(r.parent_id) } : null;
}

/** The follow-up (locked for update on MySQL when `lock`), or 404. */
export async function loadFollowup(m: EntityManager, id: number, lock = false): Promise<LoadedFollowup> {
  const mysql = m.connection.options.type === 'mysql';
  const f = await m.getRepository(RatingFollowup).findOne({ where: { id }, ...(lock && mysql ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!f) throw AppError.notFound('差评回访');
  const rating = await m.getRepository(Rating).findOneByOrFail({ id: f.ratingId });
  const region = (await regionInfo(m, f.regionId))!;
  const [parent, escalatedTo] = await Promise.all([regionInfo(m, region.parentId), regionInfo(m, f.escalatedToRegionId)]);
  return { f, rating, region, parent, escalatedTo, place: { regionPath: region.path, parentPath: parent?.path ?? null, escalatedPath: escalatedTo?.path ?? null } };
}

/** Staff who own the follow-up: any staff role over its region, or over the region it was escalated to. */
export function ownsFollowup(user: AuthUser | undefined, p: FollowupPlace): boolean {
  return covers(user, p.regionPath, STAFF_ROLES) || (p.escalatedPath !== null && covers(user, p.escalatedPath, STAFF_ROLES));
}

/** Who decides an appeal: a reviewer or admin over the region above the owner's (an admin over the owner's region at the root). */
export function decidesAppeal(user: AuthUser | undefined, p: FollowupPlace): boolean {
  if (!user) return false;
  const roles: readonly StaffRole[] = p.parentPath !== null ? ['reviewer', 'admin'] : ['admin'];
  const path = p.parentPath ?? p.regionPath;
  return user.grants.some((g) => roles.includes(g.role) && grantCovers(g, path));
}

/**
 * Reading a follow-up: the rater, its owners, and those who decide its appeals. Anyone else: staff
 * get 403 (it exists but lies outside their regions), residents 404.
 */
export function assertReadsFollowup(user: AuthUser, lf: LoadedFollowup): { rater: boolean; staff: boolean } {
  const rater = lf.rating.userId === user.id;
  const staff = ownsFollowup(user, lf.place) || decidesAppeal(user, lf.place);
  if (rater || staff) return { rater, staff };
  if (user.grants.length) throw new AppError('OUT_OF_SCOPE', '该差评不在您的管辖范围内');
  throw AppError.notFound('差评回访');
}

/** Acting as the owner (reply, appeal): 403 for staff outside the region, 404 for residents. */
export function assertOwnsFollowup(user: AuthUser, lf: LoadedFollowup): void {
  if (ownsFollowup(user, lf.place)) return;
  if (user.grants.length) throw new AppError('OUT_OF_SCOPE', '该差评不在您的管辖范围内，不能处理');
  throw AppError.notFound('差评回访');
}

/** Why an appeal may not be made now, or null (used by the route and by the list's `canAppeal`). */
export function appealBlocked(f: RatingFollowup): string | null {
  if (f.appealStatus !== 'none') return '每条差评只能申诉一次，该差评已申诉过';
  if (f.outcome === 'satisfied') return '居民已表示满意，无需申诉';
  return null;
}

/** What `user` may do with the follow-up now: the flags staff lists and pages show. */
export function staffActions(user: AuthUser, f: RatingFollowup, rating: Rating, place: FollowupPlace): { canReply: boolean; canAppeal: boolean; canDecideAppeal: boolean } {
  const owns = ownsFollowup(user, place) && rating.userId !== user.id;
  return {
    canReply: owns && f.status === 'open',
    canAppeal: owns && appealBlocked(f) === null,
    canDecideAppeal: f.appealStatus === 'pending' && f.appealBy !== user.id && decidesAppeal(user, place),
  };
}
