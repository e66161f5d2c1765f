import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PushModule } from '../push/push.module';
import { RegionsModule } from '../regions/regions.module';
import { UploadsModule } from '../uploads/uploads.module';
import { NoticeExpiryJob } from './notice-expiry.job';
import { NoticeLinksService } from './notice-links.service';
import { NoticeReaderService } from './notice-reader.service';
import { NoticeReadsService } from './notice-reads.service';
import { NoticeWorkflowController } from './notice-workflow.controller';
import { NoticeWorkflowService } from './notice-workflow.service';
import { StaffNoticesController } from './staff-notices.controller';
import { StaffNoticesService } from './staff-notices.service';

/**
 * Notices as staff write and review them (先审后发), their versions, the expiry of 公示 periods and
 * awareness (知晓率). `NoticeReaderService` is exported for the resident detail route.
 */
@Module({
  imports: [RegionsModule, AuditModule, UploadsModule, PushModule],
  controllers: [NoticeWorkflowController, StaffNoticesController],
  providers: [NoticeWorkflowService, StaffNoticesService, NoticeReaderService, NoticeReadsService, NoticeLinksService, NoticeExpiryJob],
  exports: [NoticeReaderService, NoticeReadsService, NoticeExpiryJob],
})
export class NoticeWorkflowModule {}
