import type { InviteDto, RegionRefDto, StaffMemberDto } from '@sunboard/shared';
import type { StaffRoleGrant } from '../users/staff-role.entity';
import type { StaffInvite } from './staff-invite.entity';

/** An invite as the API shows it; `code` only in the response that creates it. */
export function toInviteDto(invite: StaffInvite, region: RegionRefDto, code?: string): InviteDto {
  return {
    id: invite.id,
    ...(code !== undefined ? { code } : {}),
    role: invite.role,
    region,
    expiresAt: invite.expiresAt.toISOString(),
    createdAt: invite.createdAt.toISOString(),
    claimedAt: invite.claimedAt ? invite.claimedAt.toISOString() : null,
    revokedAt: invite.revokedAt ? invite.revokedAt.toISOString() : null,
  };
}

export function toStaffMemberDto(grant: StaffRoleGrant, displayName: string, region: RegionRefDto | null): StaffMemberDto {
  return {
    id: grant.id,
    userId: grant.userId,
    displayName,
    role: grant.role,
    region,
    grantedAt: grant.createdAt.toISOString(),
  };
}
