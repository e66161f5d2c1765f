import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuditEntryDto, type AuditQuery, auditQuerySchema, type Page } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { AuditService } from './audit.service';

/** The publication register (发布登记), read-only: there is no route that changes it. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get()
  @ApiOperation({ summary: "One item's register rows, oldest first (staff covering the item's region)" })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(auditQuerySchema)) query: AuditQuery): Promise<Page<AuditEntryDto>> {
    return this.audit.list(user, query);
  }
}
