import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addCalendarDays, businessDate } from '../../common/clock/business-date';
import { Clock } from '../../common/clock/clock';
import { CalendarDay } from './calendar-day.entity';
import { CalendarYear } from './calendar-year.entity';
import { estimatedDay, LIBRARY_LAST_YEAR, libraryDay } from './holiday-library';

/** Where a day's working/off status came from. */
export type DaySource = 'override' | 'library' | 'estimate';

export interface WorkingDay {
  date: string;
  work: boolean;
  name: string;
  source: DaySource;
}

/** A date counted in working days, and whether any day counted was only estimated. */
export interface WorkingDeadline {
  date: string;
  /** True when the count ran through a year the calendar does not know yet (weekends-only estimate). */
  provisional: boolean;
}

/** How long another instance's calendar edits may take to be seen here. */
const REFRESH_MS = 30_000;

/**
 * Working days (工作日) by the Chinese holiday calendar: weekends and statutory holidays off, 调休
 * make-up days on. The `chinese-days` library answers for the years it knows; admins may override any
 * date (`calendar_day`) and confirm a year they have entered in full (`calendar_year`). A count that
 * runs into a year neither knows is estimated on weekdays and flagged provisional — never silently.
 *
 * Counting starts the day after the start date (a step received on Friday with 1 working day is due
 * the next working day). Overrides are cached in memory and re-read every 30 s, or at once after an
 * edit through this instance.
 */
@Injectable()
export class WorkingCalendar implements OnApplicationBootstrap {
  private overrides = new Map<string, { work: boolean; name: string }>();
  private confirmedYears = new Set<number>();
  private loadedAt = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
  }

  /** Re-reads the overrides (called after an edit, and lazily by `fresh()`). */
  async reload(): Promise<void> {
    const [days, years] = await Promise.all([this.db.getRepository(CalendarDay).find(), this.db.getRepository(CalendarYear).find()]);
    this.overrides = new Map(days.map((d) => [d.date, { work: !!d.work, name: d.name }]));
    this.confirmedYears = new Set(years.map((y) => Number(y.year)));
    this.loadedAt = Date.now();
  }

  /** The calendar with overrides no older than REFRESH_MS; use before a batch of computations. */
  async fresh(): Promise<this> {
    if (Date.now() - this.loadedAt > REFRESH_MS) await this.reload();
    return this;
  }

  /** Today's Beijing date by the application clock. */
  today(): string {
    return businessDate(this.clock.now());
  }

  /** True when working days in `year` are known: the library covers it or an admin confirmed it. */
  knowsYear(year: number): boolean {
    return year <= LIBRARY_LAST_YEAR || this.confirmedYears.has(year);
  }

  get libraryLastYear(): number {
    return LIBRARY_LAST_YEAR;
  }

  get confirmed(): number[] {
    return [...this.confirmedYears].sort();
  }

  day(date: string): WorkingDay {
    const o = this.overrides.get(date);
    if (o) return { date, work: o.work, name: o.name, source: 'override' };
    const year = Number(date.slice(0, 4));
    if (year <= LIBRARY_LAST_YEAR) return { date, ...libraryDay(date), source: 'library' };
    return { date, ...estimatedDay(date), source: this.confirmedYears.has(year) ? 'library' : 'estimate' };
  }

  isWorkday(date: string): boolean {
    return this.day(date).work;
  }

  /** The date `n` working days after `from` (n ≥ 1; counting starts the next day). */
  addWorkingDays(from: string, n: number): WorkingDeadline {
    let date = from;
    let provisional = false;
    let left = Math.max(1, Math.floor(n));
    // 400 calendar days always holds 1 working day; a template limit is far below that.
    for (let guard = 0; left > 0 && guard < 3660; guard++) {
      date = addCalendarDays(date, 1);
      if (!this.knowsYear(Number(date.slice(0, 4)))) provisional = true;
      if (this.isWorkday(date)) left--;
    }
    return { date, provisional };
  }

  /** Working days in (from, to]: how many working days have passed since `from` by `to` (0 when to ≤ from). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let date = addCalendarDays(from, 1), guard = 0; date <= to && guard < 3660; date = addCalendarDays(date, 1), guard++) {
      if (this.isWorkday(date)) count++;
    }
    return count;
  }

  /** Every day from `from` to `to` inclusive (at most 400 days). */
  range(from: string, to: string): WorkingDay[] {
    const out: WorkingDay[] = [];
    for (let date = from; date <= to && out.length < 400; date = addCalendarDays(date, 1)) out.push(this.day(date));
    return out;
  }
}
