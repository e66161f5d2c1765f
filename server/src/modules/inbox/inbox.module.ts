import { Module } from '@nestjs/common';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The in-app message centre; items are written by the push module's OutboxWriter. */
@Module({
  controllers: [InboxController],
  providers: [InboxService],
})
export class InboxModule {}
