import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CalendarDayInput, CalendarDto } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { CalendarDay } from './calendar-day.entity';
import { CalendarYear } from './calendar-year.entity';
import { WorkingCalendar } from './working-calendar';

/** Reading and correcting the working-day calendar. */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendar: WorkingCalendar,
  ) {}

  async list(from: string, to: string): Promise<CalendarDto> {
    const cal = await this.calendar.fresh();
    return { days: cal.range(from, to), libraryLastYear: cal.libraryLastYear, confirmedYears: cal.confirmed };
  }

  async setDay(user: AuthUser, date: string, input: CalendarDayInput): Promise<CalendarDto> {
    await this.assertDistrictAdmin(user);
    await this.db.getRepository(CalendarDay).save({ date, work: input.work, name: input.name, updatedBy: user.id, updatedAt: new Date() });
    return this.changed(date);
  }

  async clearDay(user: AuthUser, date: string): Promise<CalendarDto> {
    await this.assertDistrictAdmin(user);
    await this.db.getRepository(CalendarDay).delete({ date });
    return this.changed(date);
  }

  async setYear(user: AuthUser, year: number, confirmed: boolean): Promise<CalendarDto> {
    await this.assertDistrictAdmin(user);
    if (confirmed) await this.db.getRepository(CalendarYear).save({ year, confirmedBy: user.id, confirmedAt: new Date() });
    else await this.db.getRepository(CalendarYear).delete({ year });
    await this.calendar.reload();
    return this.list(`${year}-01-01`, `${year}-12-31`);
  }

  private async changed(date: string): Promise<CalendarDto> {
    await this.calendar.reload();
    return this.list(date, date);
  }

  /** The calendar is the same for the whole district: only an admin over a top-level region changes it. */
  private async assertDistrictAdmin(user: AuthUser): Promise<void> {
    const roots: Array<{ path: string }> = await this.db.query('SELECT path FROM region WHERE parent_id IS NULL');
    const ok = user.grants.some((g) => g.role === 'admin' && (g.regionPath === null || roots.some((r) => r.path === g.regionPath)));
    if (!ok) throw AppError.forbidden('只有区（县）级管理员可以修改工作日日历');
  }
}
