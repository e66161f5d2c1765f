import { Body, Controller, Get, HttpCode, Param, Patch, type PipeTransform, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  type ApproveNoticeInput,
  approveNoticeSchema,
  type CreateNoticeInput,
  createNoticeSchema,
  type NoticeVersionDto,
  type NoticeVersionSummaryDto,
  type RejectNoticeInput,
  rejectNoticeSchema,
  type StaffNoticeDetailDto,
  type UpdateNoticeInput,
  updateNoticeSchema,
  type WithdrawNoticeInput,
  withdrawNoticeSchema,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { AppError } from '../../common/errors/app-error';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { NoticeReaderService } from './notice-reader.service';
import { NoticeWorkflowService } from './notice-workflow.service';

/** `:version` in a path: a positive integer, or 400 naming `version`. */
class VersionPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw AppError.field('version', '版本号必须是正整数');
    return n;
  }
}

/**
 * Writing and reviewing notices (先审后发), and the published versions residents can read. Each step
 * answers with the notice as staff see it (`StaffNoticeDetailDto`, including what the caller may do next).
 */
@ApiTags('notices')
@Controller('notices')
export class NoticeWorkflowController {
  constructor(
    private readonly workflow: NoticeWorkflowService,
    private readonly reader: NoticeReaderService,
  ) {}

  @Roles('grid_worker', 'reviewer', 'admin')
  @Post()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A new draft for a region inside the caller’s scope' })
  @ApiZodBody(createNoticeSchema)
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createNoticeSchema)) body: CreateNoticeInput): Promise<StaffNoticeDetailDto> {
    return this.workflow.create(user, body);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Patch(':id')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Edit a draft; on a published notice, a correction (reviewer/admin: applied as a new version; grid worker: waits for review)',
  })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(updateNoticeSchema)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body(new ZodPipe(updateNoticeSchema)) body: UpdateNoticeInput,
  ): Promise<StaffNoticeDetailDto> {
    return this.workflow.update(user, id, body);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The author submits a draft for review (refused while it holds an unmasked ID or mobile number)' })
  @ApiParam({ name: 'id', type: Number })
  submit(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<StaffNoticeDetailDto> {
    return this.workflow.submit(user, id);
  }

  @Roles('reviewer', 'admin')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Publish a submitted notice or a pending correction, confirming the confidentiality check (never the author)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(approveNoticeSchema)
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body(new ZodPipe(approveNoticeSchema)) body: ApproveNoticeInput,
  ): Promise<StaffNoticeDetailDto> {
    return this.workflow.approve(user, id, body);
  }

  @Roles('reviewer', 'admin')
  @Post(':id/reject')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send a submitted notice (or a pending correction) back to its author with a reason' })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(rejectNoticeSchema)
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body(new ZodPipe(rejectNoticeSchema)) body: RejectNoticeInput,
  ): Promise<StaffNoticeDetailDto> {
    return this.workflow.reject(user, id, body);
  }

  @Roles('reviewer', 'admin')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Take a published notice down, with the reason' })
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(withdrawNoticeSchema)
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body(new ZodPipe(withdrawNoticeSchema)) body: WithdrawNoticeInput,
  ): Promise<StaffNoticeDetailDto> {
    return this.workflow.withdraw(user, id, body);
  }

  @Public()
  @Get(':id/versions')
  @ApiOperation({ summary: 'The published versions of a notice (a correction adds one), oldest first' })
  @ApiParam({ name: 'id', type: Number })
  versions(@Param('id', IdPipe) id: number): Promise<{ items: NoticeVersionSummaryDto[] }> {
    return this.reader.versions(id);
  }

  @Public()
  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One published version as it read then' })
  @ApiParam({ name: 'id', type: Number })
  @ApiParam({ name: 'version', type: Number })
  version(@Param('id', IdPipe) id: number, @Param('version', VersionPipe) version: number): Promise<NoticeVersionDto> {
    return this.reader.version(id, version);
  }
}
