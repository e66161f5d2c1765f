import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { CreditsService } from './credits.service';
import { OutboxWriter } from './outbox-writer';
import { PushController } from './push.controller';
import { PushFiguresService } from './push-figures.service';
import { PushTemplates } from './push-templates';

/**
 * Push core: the template configuration (PUSH_TEMPLATES_FILE, validated at start), residents'
 * subscribe credits and the outbox writer used inside publishing transactions. Exported for the
 * dispatcher (push/dispatcher), the receipts (push/events), subscriptions and the notice workflow.
 */
@Module({
  controllers: [PushController],
  providers: [
    { provide: PushTemplates, useFactory: (config: AppConfig) => PushTemplates.load(config.pushTemplatesFile), inject: [APP_CONFIG] },
    CreditsService,
    OutboxWriter,
    PushFiguresService,
  ],
  exports: [PushTemplates, CreditsService, OutboxWriter],
})
export class PushModule {}
