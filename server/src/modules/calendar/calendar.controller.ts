import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type CalendarDayInput,
  calendarDayInputSchema,
  type CalendarDto,
  type CalendarQuery,
  calendarQuerySchema,
  type CalendarYearInput,
  calendarYearInputSchema,
  dateSchema,
} from '@sunboard/shared';
import { z } from 'zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { CalendarService } from './calendar.service';

const yearSchema = z.coerce.number({ message: '年份必须是数字' }).int({ message: '年份必须是整数' }).min(2000, { message: '年份不早于 2000' }).max(2100, { message: '年份不晚于 2100' });

/** The working-day calendar: anyone may read it; district admins correct it. */
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Public()
  @Get('calendar')
  list(@Query(new ZodPipe(calendarQuerySchema)) q: CalendarQuery): Promise<CalendarDto> {
    return this.calendar.list(q.from, q.to);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Put('admin/calendar/days/:date')
  @ApiZodBody(calendarDayInputSchema)
  setDay(
    @CurrentUser() user: AuthUser,
    @Param('date', new ZodPipe(dateSchema, 'date')) date: string,
    @Body(new ZodPipe(calendarDayInputSchema)) body: CalendarDayInput,
  ): Promise<CalendarDto> {
    return this.calendar.setDay(user, date, body);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Delete('admin/calendar/days/:date')
  @HttpCode(200)
  clearDay(@CurrentUser() user: AuthUser, @Param('date', new ZodPipe(dateSchema, 'date')) date: string): Promise<CalendarDto> {
    return this.calendar.clearDay(user, date);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Put('admin/calendar/years/:year')
  @ApiZodBody(calendarYearInputSchema)
  setYear(
    @CurrentUser() user: AuthUser,
    @Param('year', new ZodPipe(yearSchema, 'year')) year: number,
    @Body(new ZodPipe(calendarYearInputSchema)) body: CalendarYearInput,
  ): Promise<CalendarDto> {
    return this.calendar.setYear(user, year, body.confirmed);
  }
}
