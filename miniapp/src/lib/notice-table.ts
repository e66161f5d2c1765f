import { PERSONAL_DATA_LABELS, type NoticeTableColumnDto, type NoticeTableDto } from '@sunboard/shared';

/** How a 公示 table reads: masked columns are marked in words (【已脱敏】), not by colour. */
export const MASKED_MARK = '【已脱敏】';

export function columnHeading(col: NoticeTableColumnDto): string {
  return col.masked ? `${col.title}${MASKED_MARK}` : col.title;
}

/** `身份证号、联系电话已按规定脱敏（身份证号、手机号码）` or null when nothing was masked. */
export function maskedSummary(table: Pick<NoticeTableDto, 'columns'>): string | null {
  const masked = table.columns.filter((c) => c.masked);
  if (!masked.length) return null;
  const kinds = Array.from(new Set(masked.map((c) => PERSONAL_DATA_LABELS[c.masked!])));
  return `${masked.map((c) => c.title).join('、')} 已自动脱敏（${kinds.join('、')}只显示首尾几位）`;
}

/** Rows padded or cut to the column count, so every row has one cell per column. */
export function normalisedRows(table: Pick<NoticeTableDto, 'columns' | 'rows'>): string[][] {
  const n = table.columns.length;
  return table.rows.map((row) => Array.from({ length: n }, (_, i) => (row[i] === undefined || row[i] === null ? '' : String(row[i]))));
}
