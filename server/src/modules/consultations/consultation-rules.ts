import { CONSULTATION_PERIOD_RULES, type ConsultationStatus, type ConsultationType } from '@sunboard/shared';
import { addCalendarDays, businessDate } from '../../common/clock/business-date';

/** upcoming → open → closed by the clock; concluded once the adoption report is out. */
export function statusOf(c: { opensAt: Date; closesAt: Date; concludedAt: Date | null }, now: Date): ConsultationStatus {
  if (c.concludedAt) return 'concluded';
  if (now.getTime() < new Date(c.opensAt).getTime()) return 'upcoming';
  if (now.getTime() < new Date(c.closesAt).getTime()) return 'open';
  return 'closed';
}

/** What counts working days: WorkingCalendar.addWorkingDays. */
export interface WorkingDays {
  addWorkingDays(from: string, n: number): { date: string; provisional: boolean };
}

/**
 * The earliest Beijing date a consultation of `type` opening at `opensAt` may close on, or null when
 * the type has no minimum. 重大行政决策: the date 30 calendar days after the opening date; 规范性文件:
 * the 7th working day after the opening date (counting starts the next day, 调休 counted).
 */
export function earliestClosingDate(type: ConsultationType, opensAt: Date, cal: WorkingDays): string | null {
  const openDate = businessDate(opensAt);
  if (type === 'major_decision') return addCalendarDays(openDate, 30);
  if (type === 'normative_document') return cal.addWorkingDays(openDate, 7).date;
  return null;
}

/** The reason a period is too short for its type (naming the rule), or null when it is long enough. */
export function periodIssue(type: ConsultationType, opensAt: Date, closesAt: Date, cal: WorkingDays): string | null {
  const earliest = earliestClosingDate(type, opensAt, cal);
  if (earliest === null || businessDate(closesAt) >= earliest) return null;
  return `${CONSULTATION_PERIOD_RULES[type]}：${businessDate(opensAt)} 开始的，最早 ${earliest} 截止`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***; an empty name reads 居民*. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (!chars.length) return '居民*';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** The comment text as compared for duplicates: whitespace collapsed, full-width spaces too. */
export function normalizedBody(body: string): string {
  return body.replace(/[\s　]+/g, ' ').trim();
}
