import { SetMetadata } from '@nestjs/common';
import type { StaffRole } from '@sunboard/shared';

export const REQUIRED_ROLES = 'sunboard:roles';

/**
 * The caller must hold at least one of these staff roles somewhere; services then check that the
 * region touched lies inside that role's subtree (`assertCovers`).
 */
export const Roles = (...roles: StaffRole[]) => SetMetadata(REQUIRED_ROLES, roles);
