import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type NoticeReachDto, type Page, type StaffNoticeCardDto, type StaffNoticeDetailDto, type StaffNoticesQuery, staffNoticesQuerySchema } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { NoticeReadsService } from './notice-reads.service';
import { StaffNoticesService } from './staff-notices.service';

/** Notices in every status for staff: my drafts, the review queue, one notice with its workflow, its reach. */
@ApiTags('staff')
@ApiBearerAuth()
@Roles('grid_worker', 'reviewer', 'admin')
@Controller('staff/notices')
export class StaffNoticesController {
  constructor(
    private readonly staff: StaffNoticesService,
    private readonly reads: NoticeReadsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Notices inside the caller’s scope, newest first; status=pending_review is the review queue, mine=true the caller’s own' })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(staffNoticesQuerySchema)) query: StaffNoticesQuery): Promise<Page<StaffNoticeCardDto>> {
    return this.staff.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One notice in any status, with rejection/withdrawal reasons, pending correction and the caller’s possible actions' })
  @ApiParam({ name: 'id', type: Number })
  detail(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<StaffNoticeDetailDto> {
    return this.staff.detail(user, id);
  }

  @Get(':id/reach')
  @ApiOperation({ summary: '知晓率: residents of the notice’s region subtree, how many of them opened it, and the rate' })
  @ApiParam({ name: 'id', type: Number })
  reach(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<NoticeReachDto> {
    return this.reads.reach(user, id);
  }
}
