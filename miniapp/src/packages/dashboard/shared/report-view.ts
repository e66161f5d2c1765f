import type { YearlyReportSection } from '@sunboard/shared';
import type { FigureTable } from './dashboard-view';

/**
 * The yearly disclosure report draft (国办公开办函〔2021〕30号 layout) as the page shows it: years to
 * choose, each report table as a FigureTable, blanks Sunboard does not track said as 未统计.
 */

const CHINA_OFFSET_MS = 8 * 3600_000;

export const NOT_TRACKED = '未统计';

function chinaYearMonth(nowMs: number): { year: number; month: number } {
  const d = new Date(nowMs + CHINA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** The report is written for the past year until it is due (31 March): until then, last year. */
export function defaultReportYear(nowMs: number): number {
  const { year, month } = chinaYearMonth(nowMs);
  return month <= 3 ? year - 1 : year;
}

/** This year and the five before it, newest first. */
export function yearOptions(nowMs: number, count = 6): Array<{ value: string; label: string }> {
  const { year } = chinaYearMonth(nowMs);
  return Array.from({ length: count }, (_, i) => ({ value: String(year - i), label: `${year - i}年` }));
}

type SectionTable = YearlyReportSection['tables'][number];

/** One table of a section: the first column names the row; a cell Sunboard does not track says 未统计. */
export function reportTable(t: SectionTable, key: string): FigureTable {
  const width = Math.max(0, ...t.rows.map((r) => r.cells.length));
  const columns = t.columns.length >= width + 1 ? t.columns : ['项目', ...t.columns];
  return {
    title: t.title,
    columns,
    rows: t.rows.map((r, i) => ({ key: `${key}-${i}`, cells: [r.label, ...r.cells.map((c) => (c === null ? NOT_TRACKED : String(c)))] })),
  };
}
