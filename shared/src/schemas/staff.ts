import { z } from 'zod';
import { cursorQuerySchema, idSchema } from './common';
import { staffRoleSchema, type RegionRefDto } from './auth';
import type { StaffRole } from '../enums/roles';

export const createInviteSchema = z
  .object({
    role: staffRoleSchema,
    regionId: idSchema,
  })
  .strict();
export type CreateInviteInput = z.infer<typeof createInviteSchema>;

export const claimInviteSchema = z
  .object({
    code: z
      .string({ message: '请输入邀请码' })
      .trim()
      .min(4, { message: '邀请码太短' })
      .max(32, { message: '邀请码太长' }),
  })
  .strict();
export type ClaimInviteInput = z.infer<typeof claimInviteSchema>;

/** `GET /api/staff/invites`: newest first, a page at a time. */
export const listInvitesQuerySchema = cursorQuerySchema;
export type ListInvitesQuery = z.infer<typeof listInvitesQuerySchema>;

/** `GET /api/staff`: active grants inside the caller's scope, optionally only under one region. */
export const listStaffQuerySchema = z.object({
  regionId: idSchema.optional(),
});
export type ListStaffQuery = z.infer<typeof listStaffQuerySchema>;

export interface InviteDto {
  id: number;
  /** Only present in the response that creates the invite; stored hashed. */
  code?: string;
  role: StaffRole;
  region: RegionRefDto;
  expiresAt: string;
  createdAt: string;
  claimedAt: string | null;
  revokedAt: string | null;
}

export interface StaffMemberDto {
  /** The id of the role grant (revoking removes this grant). */
  id: number;
  userId: number;
  displayName: string;
  role: StaffRole;
  region: RegionRefDto | null;
  grantedAt: string;
}
