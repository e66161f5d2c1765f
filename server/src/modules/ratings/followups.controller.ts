import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  type FollowupAppealDecisionInput,
  followupAppealDecisionSchema,
  type FollowupAppealInput,
  followupAppealSchema,
  type FollowupConfirmInput,
  followupConfirmSchema,
  type FollowupReplyInput,
  followupReplySchema,
  type Page,
  type StaffFollowupDto,
  type StaffFollowupQuery,
  staffFollowupQuerySchema,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { FollowupsService } from './followups.service';

/**
 * 差评 follow-ups. Staff covering the rating's region (or the region it was escalated to) list,
 * answer and appeal; reviewers of the region above decide appeals; the rater confirms the answer.
 * Staff outside the region get 403, other residents 404.
 */
@ApiTags('ratings')
@ApiBearerAuth()
@Controller()
export class FollowupsController {
  constructor(private readonly followups: FollowupsService) {}

  @Get('staff/followups')
  @Roles('grid_worker', 'reviewer', 'admin')
  @ApiOperation({ summary: 'Follow-ups in the caller’s regions (and escalated to them), oldest due first; filters status, overdue, regionId, appeal' })
  staffList(@CurrentUser() user: AuthUser, @Query(new ZodPipe(staffFollowupQuerySchema)) q: StaffFollowupQuery): Promise<Page<StaffFollowupDto>> {
    return this.followups.staffList(user, q);
  }

  @Get('followups/:id')
  @ApiOperation({ summary: 'One follow-up with its rating: the rater, its owners and the reviewers above' })
  @ApiParam({ name: 'id', type: Number })
  detail(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<StaffFollowupDto> {
    return this.followups.detail(user, id);
  }

  @Post('followups/:id/reply')
  @HttpCode(200)
  @Roles('grid_worker', 'reviewer', 'admin')
  @ApiOperation({ summary: 'Verify, answer and record what was fixed (open follow-ups only); the rater gets a rating_reply message' })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(followupReplySchema)
  reply(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(followupReplySchema)) body: FollowupReplyInput): Promise<StaffFollowupDto> {
    return this.followups.reply(user, id, body);
  }

  @Post('followups/:id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: '回访: the rater says whether the answer satisfied them (replied follow-ups only)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(followupConfirmSchema)
  confirm(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(followupConfirmSchema)) body: FollowupConfirmInput): Promise<StaffFollowupDto> {
    return this.followups.confirm(user, id, body);
  }

  @Post('followups/:id/appeal')
  @HttpCode(200)
  @Roles('grid_worker', 'reviewer', 'admin')
  @ApiOperation({ summary: 'Contest a mistaken or malicious rating (once per follow-up)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(followupAppealSchema)
  appeal(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(followupAppealSchema)) body: FollowupAppealInput): Promise<StaffFollowupDto> {
    return this.followups.appeal(user, id, body);
  }

  @Post('followups/:id/appeal/decision')
  @HttpCode(200)
  @Roles('reviewer', 'admin')
  @ApiOperation({ summary: 'Decide a pending appeal (a reviewer or admin of the region above, not the appellant); upheld closes it as appeal_upheld' })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(followupAppealDecisionSchema)
  decide(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(followupAppealDecisionSchema)) body: FollowupAppealDecisionInput): Promise<StaffFollowupDto> {
    return this.followups.decide(user, id, body);
  }
}
