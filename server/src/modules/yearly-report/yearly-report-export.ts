import ExcelJS from 'exceljs';
import type { YearlyReportDto } from '@sunboard/shared';
import { safeText } from '../dashboard/xlsx-table';

/** The one sheet of the export. */
export const YEARLY_REPORT_SHEET = '年度报告';
/** Header of the extra column that labels blank (not tracked) rows. */
export const NOTE_HEADER = '备注';

/**
 * The draft as one sheet laid out like the report: title, each section heading, the office's text
 * (blank, with the hint beside it), then each table — its title, header row, rows (blank cells where
 * Sunboard keeps nothing, labelled in the 备注 column) and its note.
 */
export async function yearlyReportWorkbook(r: YearlyReportDto): Promise<{ bytes: Buffer; fileName: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sunboard';
  const sheet = wb.addWorksheet(YEARLY_REPORT_SHEET);
  sheet.getColumn(1).width = 60;
  for (let c = 2; c <= 9; c++) sheet.getColumn(c).width = 16;
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };

  bold(sheet.addRow([r.title]));
  sheet.addRow([`统计期间：${r.year}年1月1日至${r.year}年12月31日（北京时间）；统计范围：${r.regionName}及其下辖区域`]);
  for (const section of r.sections) {
    sheet.addRow([]);
    bold(sheet.addRow([section.heading]));
    if (section.text) sheet.addRow([safeText(section.text.value), `（${section.text.hint}）`]);
    for (const table of section.tables) {
      bold(sheet.addRow([table.title]));
      const hasNotes = table.rows.some((row) => row.note);
      bold(sheet.addRow([...table.columns, ...(hasNotes ? [NOTE_HEADER] : [])]));
      for (const row of table.rows) {
        sheet.addRow([safeText(row.label), ...row.cells, ...(hasNotes ? [row.note ?? ''] : [])]);
      }
      if (table.note) sheet.addRow([`注：${table.note}`]);
    }
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, fileName: `${r.title}.xlsx` };
}
