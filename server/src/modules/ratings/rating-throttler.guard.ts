import { Inject, Injectable } from '@nestjs/common';
import type { ThrottlerRequest } from '@nestjs/throttler';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { ClaimThrottlerGuard } from '../staff/claim-throttler.guard';

/**
 * Ratings sent (new or changed) per resident per minute, RATING_RATE_LIMIT: each one with a comment
 * is checked with WeChat's msgSecCheck, whose quota is the office's. Per account, like claims.
 */
@Injectable()
export class RatingThrottlerGuard extends ClaimThrottlerGuard {
  @Inject(APP_CONFIG) private readonly config!: AppConfig;

  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    return super.handleRequest({ ...props, limit: this.config.ratingRateLimit, ttl: 60_000 });
  }
}
