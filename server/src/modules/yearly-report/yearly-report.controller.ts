import { applyDecorators, Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type YearlyReportDto, type YearlyReportQuery, yearlyReportQuerySchema } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { sendXlsx } from '../dashboard/send-xlsx';
import { yearlyReportWorkbook } from './yearly-report-export';
import { YearlyReportService } from './yearly-report.service';

const YearlyReportQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'regionId', type: Number, description: 'The region; its whole subtree is counted' }),
    ApiQuery({ name: 'year', type: Number, description: 'Calendar year (Beijing time), 2000–2100' }),
  );

@ApiTags('reports')
@Controller('reports/yearly')
export class YearlyReportController {
  constructor(private readonly reports: YearlyReportService) {}

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get()
  @ApiBearerAuth()
  @YearlyReportQueries()
  @ApiOperation({ summary: 'Draft of the yearly disclosure report (国办公开办函〔2021〕30号 layout) for a region subtree and a year' })
  report(@CurrentUser() user: AuthUser, @Query(new ZodPipe(yearlyReportQuerySchema)) query: YearlyReportQuery): Promise<YearlyReportDto> {
    return this.reports.report(user, query);
  }

  @Roles('grid_worker', 'reviewer', 'admin')
  @Get('export')
  @ApiBearerAuth()
  @YearlyReportQueries()
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The draft as xlsx, laid out like the report' })
  async export(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(yearlyReportQuerySchema)) query: YearlyReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const report = await this.reports.report(user, query);
    const { bytes, fileName } = await yearlyReportWorkbook(report);
    return sendXlsx(reply, bytes, `yearly-report-${report.regionId}-${report.year}.xlsx`, fileName);
  }
}
