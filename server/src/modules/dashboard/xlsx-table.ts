import type ExcelJS from 'exceljs';

/** What a blank rate (nothing to divide by) shows in a spreadsheet. */
export const NO_RATE = '—';

export type Cell = string | number | null;

/** A cell whose text starts with = + - @ would be read as a formula by spreadsheet programs: keep it text. */
export const safeText = (s: string): string => (/^[=+\-@]/.test(s) ? `'${s}` : s);

/** A 0–1 rate as a percentage cell, or NO_RATE. */
export const rateCell = (r: number | null): Cell => (r === null ? NO_RATE : r);

/**
 * A sheet holding one table: a bold header row, then the rows. Columns listed in `percent` are
 * shown as percentages (the cell keeps the 0–1 number so it can be computed with).
 */
export function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Array<{ header: string; width?: number }>,
  rows: Cell[][],
  percent: number[] = [],
): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  for (const row of rows) {
    const added = sheet.addRow(row.map((v) => (typeof v === 'string' ? safeText(v) : v)));
    for (const i of percent) if (typeof row[i] === 'number') added.getCell(i + 1).numFmt = '0.00%';
  }
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** A "项目 / 数值" sheet; rows marked 'rate' hold a 0–1 rate shown as a percentage (or NO_RATE). */
export function addKeyValueSheet(wb: ExcelJS.Workbook, name: string, rows: Array<[string, number | null, 'rate'?]>): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name);
  sheet.columns = [
    { header: '项目', width: 30 },
    { header: '数值', width: 14 },
  ];
  for (const [label, value, kind] of rows) {
    const added = sheet.addRow([label, kind === 'rate' ? rateCell(value) : value]);
    if (kind === 'rate' && value !== null) added.getCell(2).numFmt = '0.00%';
  }
  sheet.getRow(1).font = { bold: true };
  return sheet;
}
