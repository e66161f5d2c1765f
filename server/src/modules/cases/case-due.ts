import type { CaseDueDto } from '@sunboard/shared';
import type { WorkingCalendar } from '../calendar/working-calendar';

/**
 * Where an active step stands against its limit on `today`: overdue once today is after the due
 * date, by the working days that have passed since.
 */
export function dueOf(dueOn: string, provisional: boolean, today: string, calendar: WorkingCalendar): CaseDueDto {
  const overdue = today > dueOn;
  return { dueOn, provisional, overdue, overdueDays: overdue ? Math.max(1, calendar.workingDaysBetween(dueOn, today)) : 0 };
}
