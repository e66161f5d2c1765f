import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import {
  type CaseClaimInput,
  caseClaimSchema,
  type CaseCorrectionInput,
  caseCorrectionSchema,
  type CaseDetailDto,
  type CaseFinishInput,
  caseFinishSchema,
  caseMineQuerySchema,
  type CaseProgressInput,
  caseProgressSchema,
  type CaseResidentDto,
  type CaseResidentQuery,
  caseResidentQuerySchema,
  type CaseResumeInput,
  caseResumeSchema,
  type CaseSummaryDto,
  type CursorQuery,
  type OpenCaseInput,
  openCaseSchema,
  type Page,
  type StaffCaseQuery,
  staffCaseQuerySchema,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { ClaimThrottlerGuard } from '../staff/claim-throttler.guard';
import { CaseClaimService } from './case-claim.service';
import { CaseQueriesService } from './case-queries.service';
import { CaseWorkflowService } from './case-workflow.service';

/** Claims per account per 10 minutes: enough to mistype a few times, useless for guessing. */
export const CASE_CLAIM_LIMIT = { limit: 10, ttl: 600_000 };

/**
 * Cases (办件). Residents read their own (`mine`, a case's timeline) and claim one opened at the
 * office; staff covering the case's region open cases and move them. Another resident's case is 404;
 * a case outside a staff member's regions is 403.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CasesController {
  constructor(
    private readonly queries: CaseQueriesService,
    private readonly workflow: CaseWorkflowService,
    private readonly claims: CaseClaimService,
  ) {}

  @Get('cases/mine')
  mine(@CurrentUser() user: AuthUser, @Query(new ZodPipe(caseMineQuerySchema)) q: CursorQuery): Promise<Page<CaseSummaryDto>> {
    return this.queries.mine(user, q);
  }

  @Post('cases/claim')
  @HttpCode(200)
  @UseGuards(ClaimThrottlerGuard)
  @Throttle({ default: CASE_CLAIM_LIMIT })
  @ApiZodBody(caseClaimSchema)
  claim(@CurrentUser() user: AuthUser, @Body(new ZodPipe(caseClaimSchema)) body: CaseClaimInput): Promise<CaseDetailDto> {
    return this.claims.claim(user, body);
  }

  @Get('cases/:id')
  detail(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<CaseDetailDto> {
    return this.queries.detail(user, id);
  }

  @Post('cases')
  @Roles('grid_worker', 'reviewer', 'admin')
  @ApiZodBody(openCaseSchema)
  open(@CurrentUser() user: AuthUser, @Body(new ZodPipe(openCaseSchema)) body: OpenCaseInput): Promise<CaseDetailDto> {
    return this.workflow.open(user, body);
  }

  /** A note on the active step, completing it unless `complete: false`; a reviewer's or admin's step needs that role. */
  @Post('cases/:id/progress')
  @HttpCode(200)
  @Roles('grid_worker', 'reviewer', 'admin')
  @ApiZodBody(caseProgressSchema)
  progress(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(caseProgressSchema)) body: CaseProgressInput): Promise<CaseDetailDto> {
    return this.workflow.progress(user, id, body);
  }

  @Post('cases/:id/correction')
  @HttpCode(200)
  @Roles('grid_worker', 'reviewer', 'admin')
  @ApiZodBody(caseCorrectionSchema)
  correction(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(caseCorrectionSchema)) body: CaseCorrectionInput): Promise<CaseDetailDto> {
    return this.workflow.correction(user, id, body);
  }

  @Post('cases/:id/resume')
  @HttpCode(200)
  @Roles('grid_worker', 'reviewer', 'admin')
  @ApiZodBody(caseResumeSchema)
  resume(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(caseResumeSchema)) body: CaseResumeInput): Promise<CaseDetailDto> {
    return this.workflow.resume(user, id, body);
  }

  /** The result: reviewers and admins only. */
  @Post('cases/:id/finish')
  @HttpCode(200)
  @Roles('reviewer', 'admin')
  @ApiZodBody(caseFinishSchema)
  finish(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number, @Body(new ZodPipe(caseFinishSchema)) body: CaseFinishInput): Promise<CaseDetailDto> {
    return this.workflow.finish(user, id, body);
  }

  @Get('staff/cases')
  @Roles('grid_worker', 'reviewer', 'admin')
  staffList(@CurrentUser() user: AuthUser, @Query(new ZodPipe(staffCaseQuerySchema)) q: StaffCaseQuery): Promise<Page<CaseSummaryDto>> {
    return this.queries.staffList(user, q);
  }

  @Get('staff/cases/residents')
  @Roles('grid_worker', 'reviewer', 'admin')
  residents(@CurrentUser() user: AuthUser, @Query(new ZodPipe(caseResidentQuerySchema)) q: CaseResidentQuery): Promise<CaseResidentDto[]> {
    return this.queries.residents(user, q);
  }
}
