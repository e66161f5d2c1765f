import { Module } from '@nestjs/common';
import { YearlyReportController } from './yearly-report.controller';
import { YearlyReportService } from './yearly-report.service';

/** The yearly disclosure report draft (issue 7 point 4), JSON and xlsx. */
@Module({
  controllers: [YearlyReportController],
  providers: [YearlyReportService],
})
export class YearlyReportModule {}
