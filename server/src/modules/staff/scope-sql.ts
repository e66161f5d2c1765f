import type { StaffRole } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { scopePaths } from '../../common/auth/scope';

/**
 * A WHERE fragment keeping rows whose region path (`column`) lies inside the caller's scope for
 * `roles`; null when the caller covers the whole tree (no restriction needed).
 * Paths hold only digits and slashes, so they need no LIKE escaping.
 */
export function scopeCondition(
  user: AuthUser,
  roles: readonly StaffRole[],
  column: string,
): { sql: string; params: Record<string, string> } | null {
  const paths = scopePaths(user, roles);
  if (paths.includes(null)) return null;
  if (!paths.length) return { sql: '1 = 0', params: {} };
  const params: Record<string, string> = {};
  const parts = paths.map((p, i) => {
    params[`scope${i}`] = `${p}%`;
    return `${column} LIKE :scope${i}`;
  });
  return { sql: `(${parts.join(' OR ')})`, params };
}
