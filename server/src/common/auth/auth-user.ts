import type { StaffRole } from '@sunboard/shared';

/** One active staff grant with the materialised path of the region it covers (null: the whole tree). */
export interface ScopeGrant {
  id: number;
  role: StaffRole;
  regionId: number | null;
  regionPath: string | null;
}

/** The caller as the auth guard attaches it to the request. */
export interface AuthUser {
  id: number;
  openid: string;
  homeRegionId: number | null;
  grants: ScopeGrant[];
}

export function isStaff(user: AuthUser | undefined): boolean {
  return !!user && user.grants.length > 0;
}
