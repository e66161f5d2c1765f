import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PushModule } from '../push/push.module';
import { ClaimThrottlerGuard } from '../staff/claim-throttler.guard';
import { WechatModule } from '../wechat/wechat.module';
import { AdoptionService } from './adoption.service';
import { CommentsService } from './comments.service';
import { ConsultationClosingJob } from './consultation-closing.job';
import { ConsultationCommentsController, ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';
import { ContentCheckService } from './content-check.service';

/** 征求意见 (issue 6): consultations, comments and their checks, moderation, answers and the adoption report. */
@Module({
  imports: [AuditModule, PushModule, WechatModule],
  controllers: [ConsultationsController, ConsultationCommentsController],
  providers: [ConsultationsService, CommentsService, AdoptionService, ContentCheckService, ConsultationClosingJob, ClaimThrottlerGuard],
  exports: [ConsultationClosingJob, ContentCheckService],
})
export class ConsultationsModule {}
