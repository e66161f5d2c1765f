import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type PushCreditDto,
  type PutSubscriptionsInput,
  putSubscriptionsSchema,
  type ReportCreditsInput,
  reportCreditsSchema,
  type SubscriptionsDto,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { SubscriptionCreditsService } from './subscription-credits.service';
import { SubscriptionsService } from './subscriptions.service';

/** The caller's topics and reminder credits. */
@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly credits: SubscriptionCreditsService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's topics (region × domain × kind), with region names and labels" })
  list(@CurrentUser() user: AuthUser): Promise<SubscriptionsDto> {
    return this.subscriptions.list(user.id);
  }

  @Put()
  @ApiOperation({ summary: "Replaces the caller's topics (at most 50; duplicates collapse)" })
  @ApiZodBody(putSubscriptionsSchema)
  replace(@CurrentUser() user: AuthUser, @Body(new ZodPipe(putSubscriptionsSchema)) body: PutSubscriptionsInput): Promise<SubscriptionsDto> {
    return this.subscriptions.replace(user.id, body);
  }

  @Get('credits')
  @ApiOperation({ summary: 'Per message type: template id, one-time or long-term, reminders left (还可提醒 N 次), switched off' })
  listCredits(@CurrentUser() user: AuthUser): Promise<{ items: PushCreditDto[] }> {
    return this.credits.list(user.id);
  }

  @Post('credits')
  @HttpCode(200)
  @ApiOperation({ summary: "Records requestSubscribeMessage's result per template id; answers the credits afterwards" })
  @ApiZodBody(reportCreditsSchema)
  report(@CurrentUser() user: AuthUser, @Body(new ZodPipe(reportCreditsSchema)) body: ReportCreditsInput): Promise<{ items: PushCreditDto[] }> {
    return this.credits.report(user.id, body);
  }
}
