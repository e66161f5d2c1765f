import ExcelJS from 'exceljs';
import { findPersonalData, type PersonalDataKind } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { cellDisplay } from './cell-display';
import { assertZipWithinLimits, ZipRefused } from './zip-guard';

/**
 * Reading a 公示 list from an xlsx into plain text: the first worksheet, its first non-empty row as
 * the header (a single title line above it is taken as the table's title), the rows after it.
 * Everything happens in memory; nothing of the file is written anywhere.
 */
export const MAX_TABLE_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_TABLE_ROWS = 2000;
export const MAX_TABLE_COLUMNS = 50;
export const MAX_CELL_CHARS = 1000;
/** Content beyond this sheet column is refused outright (the table may use at most MAX_TABLE_COLUMNS of them). */
const MAX_SHEET_COLUMN = 500;
/** What the xlsx may unpack to: a 2,000-row list is a few MB; more is a bomb or not a list. */
export const MAX_XLSX_UNPACKED_BYTES = 32 * 1024 * 1024;

/** One row as the sheet numbers it, its cells as display text. */
export interface GridRow {
  row: number;
  cells: string[];
}

/** A table before masking: header titles and rows of display text, all rows as wide as the header. */
export interface RawTable {
  /** A title line found above the header (a single value, e.g. a merged "2026年11月低保公示"). */
  title: string | null;
  headers: string[];
  rows: string[][];
}

const fileIssue = (status: 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE', reason: string, message?: string) =>
  new AppError(status, message ?? reason, [{ path: 'file', reason }]);

export const noHeader = () =>
  fileIssue('VALIDATION_FAILED', '没有表头：第一行应为列名（如 姓名、身份证号、联系电话、金额），数据从第二行开始', '表格没有表头');

export function tooManyRows(count: number): AppError {
  return fileIssue('PAYLOAD_TOO_LARGE', `表格有 ${count} 行数据，一张公示表最多 ${MAX_TABLE_ROWS} 行，请分成几张表导入`);
}

const isBlank = (s: string) => s.trim() === '';
/** Numbers, amounts, percentages and dates: what a header cell never is. */
const LOOKS_LIKE_VALUE = /^[-+]?[¥$]?\d[\d,]*(\.\d+)?%?$|^\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?$/;

/** A header row has names, not data: no personal data, not only numbers and dates. */
function looksLikeHeader(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  if (!filled.length) return false;
  if (filled.some((c) => findPersonalData(c).length > 0)) return false;
  return !filled.every((c) => LOOKS_LIKE_VALUE.test(c.replace(/\s/g, '')));
}

/**
 * Turns the sheet's rows into a table: skips empty rows, finds the header (400 naming `file` when
 * there is none), takes a lone title line above it as the title, drops columns that are empty
 * throughout, names untitled columns 第N列, and enforces the row, column and cell limits.
 */
export function gridToTable(grid: GridRow[]): RawTable {
  const rows = grid.map((r) => ({ row: r.row, cells: r.cells.map((c) => c.replace(/\r\n?/g, '\n').trim()) })).filter((r) => r.cells.some((c) => !isBlank(c)));
  if (!rows.length) throw noHeader();
  let title: string | null = null;
  let headerAt = 0;
  const distinct = (cells: string[]) => new Set(cells.filter((c) => !isBlank(c)));
  if (rows.length > 1 && distinct(rows[0].cells).size === 1 && distinct(rows[1].cells).size >= 2) {
    title = [...distinct(rows[0].cells)][0];
    headerAt = 1;
  }
  const header = rows[headerAt];
  if (!looksLikeHeader(header.cells)) throw noHeader();
  const data = rows.slice(headerAt + 1);
  if (data.length > MAX_TABLE_ROWS) throw tooManyRows(data.length);
  if (!data.length) throw fileIssue('VALIDATION_FAILED', '表格只有表头，没有数据行');

  const width = Math.max(header.cells.length, ...data.map((r) => r.cells.length));
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    if (!isBlank(header.cells[c] ?? '') || data.some((r) => !isBlank(r.cells[c] ?? ''))) keep.push(c);
  }
  if (keep.length > MAX_TABLE_COLUMNS) {
    throw fileIssue('VALIDATION_FAILED', `表格有 ${keep.length} 列，最多 ${MAX_TABLE_COLUMNS} 列，请只保留需要公示的列`);
  }
  for (const r of [header, ...data]) {
    const at = keep.findIndex((c) => [...(r.cells[c] ?? '')].length > MAX_CELL_CHARS);
    if (at >= 0) throw fileIssue('VALIDATION_FAILED', `第 ${r.row} 行第 ${keep[at] + 1} 列的内容超过 ${MAX_CELL_CHARS} 字`);
  }
  return {
    title,
    headers: keep.map((c, i) => (isBlank(header.cells[c] ?? '') ? `第${i + 1}列` : header.cells[c].replace(/\s+/g, ' '))),
    rows: data.map((r) => keep.map((c) => r.cells[c] ?? '')),
  };
}

/** Refuses what is not a readable, reasonably sized xlsx before exceljs unpacks it. */
function guardZip(buf: Buffer): void {
  try {
    assertZipWithinLimits(buf, MAX_XLSX_UNPACKED_BYTES);
  } catch (err) {
    if (!(err instanceof ZipRefused)) throw err;
    if (err.problem === 'too_large' || err.problem === 'mismatch') {
      throw fileIssue('PAYLOAD_TOO_LARGE', `表格解压后超过 ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB（或压缩数据与声明的大小不符），无法导入`);
    }
    throw fileIssue('UNSUPPORTED_MEDIA_TYPE', '无法读取该 xlsx 文件，请在 Excel 或 WPS 中另存为 .xlsx 后重试');
  }
}

/** Loads a workbook after the zip guard; 415 when exceljs cannot read it. */
async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  guardZip(buf);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw fileIssue('UNSUPPORTED_MEDIA_TYPE', '无法读取该 xlsx 文件，请在 Excel 或 WPS 中另存为 .xlsx 后重试');
  }
  return workbook;
}

/** Where a workbook holds an unmasked ID, mobile or bank number. */
export interface PersonalDataCell {
  sheet: string;
  row: number;
  column: number;
  kind: PersonalDataKind;
}

/** Every worksheet's cells scanned for unmasked personal data; at most `limit` places are returned. */
export async function findPersonalDataInXlsx(buf: Buffer, limit = 5): Promise<PersonalDataCell[]> {
  const workbook = await loadWorkbook(buf);
  const found: PersonalDataCell[] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (found.length >= limit) return;
        const hit = findPersonalData(cellDisplay({ value: cell.value, numFmt: cell.numFmt }))[0];
        if (hit) found.push({ sheet: sheet.name, row: rowNumber, column, kind: hit.kind });
      });
    });
    if (found.length >= limit) break;
  }
  return found;
}

/** The first worksheet's rows as display text (see cellDisplay), with their sheet row numbers. */
export async function readXlsxGrid(buf: Buffer): Promise<GridRow[]> {
  const workbook = await loadWorkbook(buf);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw noHeader();
  // A cheap early refusal before converting every cell (a title line and the header come on top).
  if (sheet.actualRowCount > MAX_TABLE_ROWS + 2) throw tooManyRows(sheet.actualRowCount - 1);
  const grid: GridRow[] = [];
  let tooWide = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > MAX_SHEET_COLUMN) tooWide = true;
      else cells[column - 1] = cellDisplay({ value: cell.value, numFmt: cell.numFmt });
    });
    grid.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  if (tooWide) throw fileIssue('VALIDATION_FAILED', `表格在第 ${MAX_SHEET_COLUMN} 列之后还有内容，请只保留需要公示的列`);
  return grid;
}

/** An xlsx file → a raw table (not yet masked). */
export async function readXlsxTable(buf: Buffer): Promise<RawTable> {
  return gridToTable(await readXlsxGrid(buf));
}
