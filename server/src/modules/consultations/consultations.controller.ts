import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import {
  type AnswerCommentsInput,
  answerCommentsSchema,
  type CommentDto,
  type CommentListQuery,
  commentListQuerySchema,
  type CommentResultDto,
  type ConcludeConsultationInput,
  concludeConsultationSchema,
  type ConsultationCardDto,
  type ConsultationCountsDto,
  type ConsultationDetailDto,
  type ConsultationListQuery,
  consultationListQuerySchema,
  type CreateCommentInput,
  createCommentSchema,
  type CreateConsultationInput,
  createConsultationSchema,
  type CreateProxyCommentInput,
  createProxyCommentSchema,
  type CursorQuery,
  cursorQuerySchema,
  type ModerateCommentInput,
  moderateCommentSchema,
  type ModerationQueueQuery,
  moderationQueueQuerySchema,
  type MyCommentDto,
  type Page,
  type ReplyCommentInput,
  replyCommentSchema,
  type ReportCommentInput,
  reportCommentSchema,
  type StaffCommentDto,
  type StaffConsultationCardDto,
  type UpdateConsultationInput,
  updateConsultationSchema,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { ClaimThrottlerGuard } from '../staff/claim-throttler.guard';
import { AdoptionService } from './adoption.service';
import { CommentsService } from './comments.service';
import { ConsultationsService } from './consultations.service';

/** Comments a resident may send per minute (per account, not per address). */
export const COMMENT_LIMIT = { limit: 5, ttl: 60_000 };
/** 代录 comments a grid worker may enter per minute. */
export const PROXY_COMMENT_LIMIT = { limit: 30, ttl: 60_000 };

const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

@ApiTags('consultations')
@Controller('consultations')
export class ConsultationsController {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly comments: CommentsService,
    private readonly adoption: AdoptionService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Consultations of a region and the regions above it (default: the caller’s home region); open first' })
  list(@CurrentUser(true) user: AuthUser | undefined, @Query(new ZodPipe(consultationListQuerySchema)) query: ConsultationListQuery): Promise<Page<ConsultationCardDto>> {
    return this.consultations.list(user, query);
  }

  @Get('mine/comments')
  @ApiBearerAuth()
  @ApiOperation({ summary: '我的意见: the caller’s comments with answers and replies, newest first' })
  mine(@CurrentUser() user: AuthUser, @Query(new ZodPipe(cursorQuerySchema)) query: CursorQuery): Promise<Page<MyCommentDto>> {
    return this.comments.mine(user, query);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get('staff')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Consultations in the caller’s scope, with pending and unanswered counts' })
  staffList(@CurrentUser() user: AuthUser, @Query(new ZodPipe(cursorQuerySchema)) query: CursorQuery): Promise<Page<StaffConsultationCardDto>> {
    return this.consultations.staffList(user, query);
  }

  @Roles('reviewer', 'admin')
  @Get('moderation')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The reviewer queue: comments of a status (default pending) in the caller’s regions, oldest first' })
  queue(@CurrentUser() user: AuthUser, @Query(new ZodPipe(moderationQueueQuerySchema)) query: ModerationQueueQuery): Promise<Page<StaffCommentDto>> {
    return this.comments.queue(user, query);
  }

  @Public()
  @Get(':id')
  @ApiParam({ name: 'id', type: Number })
  @ApiOperation({ summary: 'A consultation with its paragraphs, comment counts and whether the caller may comment' })
  detail(@CurrentUser(true) user: AuthUser | undefined, @Param('id', IdPipe) id: number): Promise<ConsultationDetailDto> {
    return this.consultations.detail(user, id);
  }

  @Roles('reviewer', 'admin')
  @Post()
  @ApiBearerAuth()
  @ApiZodBody(createConsultationSchema)
  @ApiOperation({ summary: 'A new consultation (the draft pasted and split, or as paragraphs); the minimum period of its type is enforced' })
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createConsultationSchema)) body: CreateConsultationInput): Promise<ConsultationDetailDto> {
    return this.consultations.create(user, body);
  }

  @Roles('reviewer', 'admin')
  @Patch(':id')
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(updateConsultationSchema)
  @ApiOperation({ summary: 'Change a consultation (paragraphs included) before it opens' })
  update(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(updateConsultationSchema)) body: UpdateConsultationInput): Promise<ConsultationDetailDto> {
    return this.consultations.update(user, id, body);
  }

  @Put(':id/follow')
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiOperation({ summary: 'Follow: a reminder 24 hours before it closes' })
  follow(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<ConsultationDetailDto> {
    return this.consultations.follow(user, id, true);
  }

  @Delete(':id/follow')
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  unfollow(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<ConsultationDetailDto> {
    return this.consultations.follow(user, id, false);
  }

  @Public()
  @Get(':id/comments')
  @ApiParam({ name: 'id', type: Number })
  @ApiOperation({ summary: 'Comments residents see (hidden ones as placeholders); a private consultation’s only to staff' })
  listComments(
    @CurrentUser(true) user: AuthUser | undefined,
    @Param('id', IdPipe) id: number,
    @Query(new ZodPipe(commentListQuerySchema)) query: CommentListQuery,
  ): Promise<Page<CommentDto>> {
    return this.comments.list(user, id, query);
  }

  @Post(':id/comments')
  @UseGuards(ClaimThrottlerGuard)
  @Throttle({ default: COMMENT_LIMIT })
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(createCommentSchema)
  @ApiOperation({ summary: 'A comment on the whole draft or one paragraph (content checks; risky refused, review held)' })
  comment(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(createCommentSchema)) body: CreateCommentInput): Promise<CommentResultDto> {
    return this.comments.create(user, id, body);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Post(':id/proxy-comments')
  @UseGuards(ClaimThrottlerGuard)
  @Throttle({ default: PROXY_COMMENT_LIMIT })
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(createProxyCommentSchema)
  @ApiOperation({ summary: '代录: staff enter a comment for a resident without a smartphone (name and contact kept private)' })
  proxyComment(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body(new ZodPipe(createProxyCommentSchema)) body: CreateProxyCommentInput,
  ): Promise<CommentResultDto> {
    return this.comments.createProxy(user, id, body);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get(':id/staff-comments')
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiOperation({ summary: 'Every comment of the consultation as staff see it (all states, 代录 details, answers)' })
  staffComments(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Query(new ZodPipe(cursorQuerySchema)) query: CursorQuery): Promise<Page<StaffCommentDto>> {
    return this.comments.staffList(user, id, query);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Post(':id/answers')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(answerCommentsSchema)
  @ApiOperation({ summary: 'After closing: adopted / partly / not adopted and why, for comments of this consultation (all or nothing)' })
  answer(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(answerCommentsSchema)) body: AnswerCommentsInput): Promise<StaffCommentDto[]> {
    return this.adoption.answer(user, id, body);
  }

  @Roles('reviewer', 'admin')
  @Post(':id/conclude')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(concludeConsultationSchema)
  @ApiOperation({ summary: 'Publish the adoption report (a 征求意见结果 notice) and tell every commenter' })
  conclude(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(concludeConsultationSchema)) body: ConcludeConsultationInput): Promise<ConsultationDetailDto> {
    return this.adoption.conclude(user, id, body);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get(':id/counts')
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  counts(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<ConsultationCountsDto> {
    return this.adoption.counts(user, id);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get(':id/export')
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'xlsx: comments, answers and counts' })
  async export(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { bytes, fileName } = await this.adoption.export(user, id);
    void reply.header('content-disposition', `attachment; filename="consultation-${id}.xlsx"; filename*=UTF-8''${rfc5987(fileName)}`);
    void reply.header('cache-control', 'no-store');
    return new StreamableFile(bytes, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', length: bytes.length });
  }
}

@ApiTags('consultations')
@Controller('consultation-comments')
export class ConsultationCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post(':id/support')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiOperation({ summary: '点赞, once per resident' })
  support(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<CommentDto> {
    return this.comments.support(user, id);
  }

  @Post(':id/report')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(reportCommentSchema)
  @ApiOperation({ summary: 'Report a comment, once per resident; 3 reports hold it for review' })
  report(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(reportCommentSchema)) body: ReportCommentInput): Promise<CommentDto> {
    return this.comments.report(user, id, body);
  }

  @Roles('reviewer', 'admin')
  @Post(':id/moderate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(moderateCommentSchema)
  @ApiOperation({ summary: 'approve (pending → visible), hide (with a reason: a 已隐藏 placeholder stays), restore (with a reason)' })
  moderate(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(moderateCommentSchema)) body: ModerateCommentInput): Promise<StaffCommentDto> {
    return this.comments.moderate(user, id, body);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Post(':id/replies')
  @ApiBearerAuth()
  @ApiParam({ name: 'id', type: Number })
  @ApiZodBody(replyCommentSchema)
  @ApiOperation({ summary: 'An official reply under a comment' })
  reply(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(replyCommentSchema)) body: ReplyCommentInput): Promise<StaffCommentDto> {
    return this.comments.reply(user, id, body);
  }
}
