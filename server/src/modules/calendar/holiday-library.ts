import chineseDays from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json';
import { weekdayOf } from '../../common/clock/business-date';

/** The last year the holiday library has the State Council's arrangement for (2026 in chinese-days 1.5.7). */
export const LIBRARY_LAST_YEAR = Math.max(...Object.keys((calendarData as { holidays: Record<string, string> }).holidays).map((d) => Number(d.slice(0, 4))));

/** The library's first year (earlier dates are not used by Sunboard, but answer from the library too). */
export interface LibraryDay {
  work: boolean;
  /** The holiday or make-up day's Chinese name, or '' for an ordinary day. */
  name: string;
}

/** A day as the `chinese-days` library sees it: weekends and holidays off, 调休 make-up days on. */
export function libraryDay(date: string): LibraryDay {
  const detail = chineseDays.getDayDetail(date);
  const parts = detail.name.split(',');
  return { work: detail.work, name: parts.length >= 2 ? parts[1] : '' };
}

/** Beyond the library's years: weekends off, everything else on, flagged as an estimate by the caller. */
export function estimatedDay(date: string): LibraryDay {
  const wd = weekdayOf(date);
  return { work: wd !== 0 && wd !== 6, name: '' };
}
