import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { PushModule } from '../push/push.module';
import { FollowupOverdueJob } from './followup-overdue.job';
import { FollowupsController } from './followups.controller';
import { FollowupsService } from './followups.service';
import { RatingThrottlerGuard } from './rating-throttler.guard';
import { RatingViews } from './rating-views.service';
import { RatingsController } from './ratings.controller';
import { RatingsService } from './ratings.service';

/** 好差评 (issue 7): ratings, the 差评 follow-up loop, escalation of overdue follow-ups and appeals. */
@Module({
  imports: [AuditModule, PushModule, ConsultationsModule],
  controllers: [RatingsController, FollowupsController],
  providers: [RatingsService, FollowupsService, RatingViews, FollowupOverdueJob, RatingThrottlerGuard],
  exports: [FollowupOverdueJob],
})
export class RatingsModule {}
