import type { StaffRole } from '@sunboard/shared';
import { AppError } from '../errors/app-error';
import type { AuthUser, ScopeGrant } from './auth-user';

/** True when `grant` covers the region at `regionPath` (its own region or any region below it). */
export function grantCovers(grant: ScopeGrant, regionPath: string): boolean {
  return grant.regionPath === null || regionPath.startsWith(grant.regionPath);
}

/** True when the user holds one of `roles` over the region at `regionPath`. */
export function covers(user: AuthUser | undefined, regionPath: string, roles: readonly StaffRole[]): boolean {
  return !!user && user.grants.some((g) => roles.includes(g.role) && grantCovers(g, regionPath));
}

/** Throws 403 OUT_OF_SCOPE unless the user holds one of `roles` over the region. */
export function assertCovers(user: AuthUser | undefined, regionPath: string, roles: readonly StaffRole[]): void {
  if (!covers(user, regionPath, roles)) throw new AppError('OUT_OF_SCOPE');
}

/** The region paths under which the user holds one of `roles`; null in the list means everywhere. */
export function scopePaths(user: AuthUser | undefined, roles: readonly StaffRole[]): Array<string | null> {
  return (user?.grants ?? []).filter((g) => roles.includes(g.role)).map((g) => g.regionPath);
}
