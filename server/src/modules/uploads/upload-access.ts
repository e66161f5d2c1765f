import { STAFF_ROLES, type NoticeStatus } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { covers } from '../../common/auth/scope';

/** The notice an upload is attached to, as far as reading rights go (all null when unattached). */
export interface AttachedNotice {
  status: NoticeStatus | null;
  regionPath: string | null;
  /** False once the notice's 公示 period has ended (it is then no longer shown to residents). */
  current: boolean;
}

/**
 * Who may read an upload or a table: anyone when it belongs to a published notice (for tables: one
 * whose 公示 period has not ended, `requireCurrent`); otherwise its owner, and staff covering the
 * region of the notice it is attached to.
 */
export function mayRead(user: AuthUser | undefined, ownerId: number, notice: AttachedNotice, opts: { requireCurrent?: boolean } = {}): boolean {
  if (notice.status === 'published' && (!opts.requireCurrent || notice.current)) return true;
  if (user && user.id === ownerId) return true;
  return notice.regionPath !== null && covers(user, notice.regionPath, STAFF_ROLES);
}

/** True when the response may be cached by shared caches (a published, current notice's upload). */
export function isPublic(notice: AttachedNotice): boolean {
  return notice.status === 'published' && notice.current;
}
