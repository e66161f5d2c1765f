import { Global, Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { WorkingCalendar } from './working-calendar';

/** Working days by the Chinese holiday calendar (global: deadlines are computed in several modules). */
@Global()
@Module({
  controllers: [CalendarController],
  providers: [WorkingCalendar, CalendarService],
  exports: [WorkingCalendar],
})
export class CalendarModule {}
