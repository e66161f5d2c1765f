import { applyDecorators, Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type DashboardDto, type DashboardQuery, dashboardQuerySchema } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { dashboardWorkbook } from './dashboard-export';
import { DashboardService } from './dashboard.service';
import { sendXlsx } from './send-xlsx';

const DashboardQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'regionId', type: Number, description: 'The region; its whole subtree is counted' }),
    ApiQuery({ name: 'from', required: false, type: String, description: 'First month, YYYY-MM (Beijing); default 11 months before `to`' }),
    ApiQuery({ name: 'to', required: false, type: String, description: 'Last month, YYYY-MM (Beijing); default the current month' }),
  );

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get()
  @ApiBearerAuth()
  @DashboardQueries()
  @ApiOperation({ summary: 'Satisfaction, 差评 follow-up, awareness, push and consultation figures of a region subtree over whole Beijing months' })
  figures(@CurrentUser() user: AuthUser, @Query(new ZodPipe(dashboardQuerySchema)) query: DashboardQuery): Promise<DashboardDto> {
    return this.dashboard.figures(user, query);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get('export')
  @ApiBearerAuth()
  @DashboardQueries()
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The same figures as xlsx, one sheet per figure group' })
  async export(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(dashboardQuerySchema)) query: DashboardQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const figures = await this.dashboard.figures(user, query);
    const { bytes, fileName } = await dashboardWorkbook(figures);
    return sendXlsx(reply, bytes, `dashboard-${figures.regionId}-${figures.from}-${figures.to}.xlsx`, fileName);
  }
}
