import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PushModule } from '../push/push.module';
import { ClaimThrottlerGuard } from '../staff/claim-throttler.guard';
import { CaseClaimService } from './case-claim.service';
import { CaseOverdueJob } from './case-overdue.job';
import { CaseQueriesService } from './case-queries.service';
import { CaseReminders } from './case-reminders';
import { CaseTypesController } from './case-types.controller';
import { CaseTypesService } from './case-types.service';
import { CaseWorkflowService } from './case-workflow.service';
import { CasesController } from './cases.controller';

/** Cases (办件): step templates, opening and moving cases, claims, the timeline, overdue reminders. */
@Module({
  imports: [AuditModule, PushModule],
  controllers: [CaseTypesController, CasesController],
  providers: [CaseTypesService, CaseQueriesService, CaseWorkflowService, CaseClaimService, CaseReminders, CaseOverdueJob, ClaimThrottlerGuard],
  exports: [CaseQueriesService],
})
export class CasesModule {}
