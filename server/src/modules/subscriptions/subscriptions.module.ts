import { Module } from '@nestjs/common';
import { PushModule } from '../push/push.module';
import { RegionsModule } from '../regions/regions.module';
import { SubscriptionCreditsService } from './subscription-credits.service';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

/** Residents' topics and reminder credits. `SubscriptionsService` is exported for the first-home hook in users. */
@Module({
  imports: [RegionsModule, PushModule],
  controllers: [SubscriptionsController],
  providers: [SubscriptionsService, SubscriptionCreditsService],
  exports: [SubscriptionsService],
})
export class SubscriptionsModule {}
