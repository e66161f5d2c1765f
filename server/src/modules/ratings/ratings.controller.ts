import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type CursorQuery,
  myRatingsQuerySchema,
  type RateInput,
  rateSchema,
  RATING_TARGET_TYPES,
  type Page,
  type RatingDto,
  type RatingSummaryDto,
  type RatingTargetQuery,
  ratingTargetQuerySchema,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { RatingThrottlerGuard } from './rating-throttler.guard';
import { RatingsService } from './ratings.service';

/**
 * 好差评 for residents: rate a notice, a finished case or a concluded consultation (one rating per
 * target, changeable for 7 days), read a target's figures, and 我的评价.
 */
@ApiTags('ratings')
@ApiBearerAuth()
@Controller('ratings')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Put()
  @UseGuards(RatingThrottlerGuard)
  @ApiOperation({ summary: 'Rate a target, or change one’s rating within 7 days; levels 1–2 (差评) open a follow-up' })
  @ApiZodBody(rateSchema)
  rate(@CurrentUser() user: AuthUser, @Body(new ZodPipe(rateSchema)) body: RateInput): Promise<RatingDto> {
    return this.ratings.rate(user, body);
  }

  /** Public like a notice page: without a token `mine` is null and `rateable` false. */
  @Public()
  @Get('target')
  @ApiOperation({ summary: 'A target’s ratings per level (appeals upheld left out), whether the caller may rate it, and their own rating' })
  @ApiQuery({ name: 'targetType', enum: RATING_TARGET_TYPES })
  @ApiQuery({ name: 'targetId', type: Number })
  target(@CurrentUser(true) user: AuthUser | undefined, @Query(new ZodPipe(ratingTargetQuerySchema)) q: RatingTargetQuery): Promise<RatingSummaryDto> {
    return this.ratings.summary(user, q);
  }

  @Get('mine')
  @ApiOperation({ summary: '我的评价: the caller’s ratings with their follow-ups, newest first' })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1–50, default 20' })
  mine(@CurrentUser() user: AuthUser, @Query(new ZodPipe(myRatingsQuerySchema)) q: CursorQuery): Promise<Page<RatingDto>> {
    return this.ratings.mine(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One rating: its rater, or staff covering its region' })
  @ApiParam({ name: 'id', type: Number })
  detail(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<RatingDto> {
    return this.ratings.detail(user, id);
  }
}
