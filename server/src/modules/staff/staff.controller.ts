import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import {
  claimInviteSchema,
  type ClaimInviteInput,
  createInviteSchema,
  type CreateInviteInput,
  type InviteDto,
  listInvitesQuerySchema,
  type ListInvitesQuery,
  listStaffQuerySchema,
  type ListStaffQuery,
  type Page,
  type StaffMemberDto,
  type UserDto,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { ClaimThrottlerGuard } from './claim-throttler.guard';
import { InvitesService } from './invites.service';
import { StaffService } from './staff.service';

/** Claims per user per minute: plenty for typing a code wrong a few times, useless for guessing. */
export const CLAIM_LIMIT = { limit: 10, ttl: 60_000 };

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(
    private readonly invites: InvitesService,
    private readonly staff: StaffService,
  ) {}

  /** Creates a one-time invite for a role over a region in the caller's scope; the code is in this response only. */
  @Roles('admin')
  @Post('invites')
  @ApiZodBody(createInviteSchema)
  createInvite(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createInviteSchema)) body: CreateInviteInput): Promise<InviteDto> {
    return this.invites.create(user, body);
  }

  @Roles('admin')
  @Get('invites')
  listInvites(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listInvitesQuerySchema)) query: ListInvitesQuery): Promise<Page<InviteDto>> {
    return this.invites.list(user, query);
  }

  @Roles('admin')
  @Delete('invites/:id')
  @HttpCode(204)
  async revokeInvite(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    await this.invites.revoke(user, id);
  }

  /** Any logged-in user claims an invite code and becomes staff; answers with the updated user. */
  @Post('claim')
  @HttpCode(200)
  @UseGuards(ClaimThrottlerGuard)
  @Throttle({ default: CLAIM_LIMIT })
  @ApiZodBody(claimInviteSchema)
  claim(@CurrentUser() user: AuthUser, @Body(new ZodPipe(claimInviteSchema)) body: ClaimInviteInput): Promise<UserDto> {
    return this.invites.claim(user, body.code);
  }

  /** Active staff grants inside the caller's scope (optionally under one region), with display names. */
  @Roles('admin')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listStaffQuerySchema)) query: ListStaffQuery): Promise<{ items: StaffMemberDto[] }> {
    return this.staff.list(user, query);
  }

  @Roles('admin')
  @Delete(':grantId')
  @HttpCode(204)
  async revoke(@CurrentUser() user: AuthUser, @Param('grantId', IdPipe) grantId: number): Promise<void> {
    await this.staff.revoke(user, grantId);
  }
}
