import type { RegionRefDto, RoleGrantDto, UserDto } from '@sunboard/shared';
import type { StaffRoleGrant } from './staff-role.entity';
import type { User } from './user.entity';

export function toUserDto(user: User, grants: StaffRoleGrant[], regions: Map<number, RegionRefDto>): UserDto {
  return {
    id: user.id,
    displayName: user.displayName,
    homeRegion: user.homeRegionId === null ? null : (regions.get(user.homeRegionId) ?? null),
    elderMode: !!user.elderMode,
    staffRoles: grants.map(
      (g): RoleGrantDto => ({ id: g.id, role: g.role, region: g.regionId === null ? null : (regions.get(g.regionId) ?? null) }),
    ),
    createdAt: user.createdAt.toISOString(),
  };
}
