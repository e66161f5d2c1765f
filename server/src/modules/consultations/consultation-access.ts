import type { EntityManager } from 'typeorm';
import { STAFF_ROLES } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { covers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { Consultation } from './consultation.entity';
import { statusOf } from './consultation-rules';

/** Staff who write consultations, moderate comments and publish the adoption report. */
export const CONSULTATION_EDITORS = ['reviewer', 'admin'] as const;
/** Staff who reply to and answer comments and enter 代录 comments. */
export const CONSULTATION_STAFF = STAFF_ROLES;

export interface LoadedConsultation {
  c: Consultation;
  path: string;
  regionName: string;
}

/** The consultation with its region's path and name, locked for update on MySQL when `lock`. */
export async function loadConsultation(m: EntityManager, id: number, lock = false): Promise<LoadedConsultation> {
  const mysql = m.connection.options.type === 'mysql';
  const c = await m.getRepository(Consultation).findOne({ where: { id }, ...(lock && mysql ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!c) throw AppError.notFound('征求意见');
  const rows: Array<{ path: string; name: string }> = await m.query('SELECT path, name FROM region WHERE id = ?', [c.regionId]);
  return { c, path: rows[0]?.path ?? '/', regionName: rows[0]?.name ?? '' };
}

/** The caller's home region path, or null. */
export async function homePath(m: EntityManager, user: AuthUser | undefined): Promise<string | null> {
  if (!user?.homeRegionId) return null;
  const rows: Array<{ path: string }> = await m.query('SELECT path FROM region WHERE id = ?', [user.homeRegionId]);
  return rows[0]?.path ?? null;
}

/** Why the caller may not comment now, or null when they may. */
export function cannotComment(user: AuthUser | undefined, loaded: LoadedConsultation, home: string | null, now: Date): string | null {
  if (!user) return '请先登录后再发表意见';
  const status = statusOf(loaded.c, now);
  if (status === 'upcoming') return '征求意见尚未开始';
  if (status !== 'open') return '征求意见已截止';
  if (loaded.c.openToAll) return null;
  if (!home) return '请先在“我的”页面设置所在社区（村），本次征求意见仅限本区域居民参与';
  if (!home.startsWith(loaded.path)) return `本次征求意见仅限${loaded.regionName}的居民参与`;
  return null;
}

/** Throws the right 4xx when the caller may not comment now. */
export function assertMayComment(user: AuthUser | undefined, loaded: LoadedConsultation, home: string | null, now: Date): void {
  const reason = cannotComment(user, loaded, home, now);
  if (!reason) return;
  if (!user) throw new AppError('UNAUTHENTICATED');
  const status = statusOf(loaded.c, now);
  if (status !== 'open') throw new AppError('CONSULTATION_NOT_OPEN', reason);
  throw new AppError('OUT_OF_SCOPE', reason);
}

/** Staff covering the consultation's region see private comments and every state. */
export function isConsultationStaff(user: AuthUser | undefined, loaded: LoadedConsultation): boolean {
  return covers(user, loaded.path, CONSULTATION_STAFF);
}
