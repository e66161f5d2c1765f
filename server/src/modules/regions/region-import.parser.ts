import ExcelJS from 'exceljs';
import { REGION_LEVEL_LABELS, type RegionLevel } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { assertZipWithinLimits, ZipRefused } from '../uploads/zip-guard';

/**
 * Reading a region import file (xlsx or csv) into plain rows. Pure: no database, no request. The
 * tree rules (parents, levels, scope) are checked by region-import.validator.ts.
 *
 * Limits: at most `MAX_IMPORT_BYTES` of file and `MAX_IMPORT_ROWS` data rows; an xlsx whose parts
 * claim to unpack to more than `MAX_XLSX_UNPACKED_BYTES` is refused before it is unpacked (zip bomb).
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
export const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** The header may sit below a title line or two; it is looked for in this many first non-empty rows. */
const HEADER_SEARCH_ROWS = 10;

export type RegionImportColumn = 'code' | 'name' | 'level' | 'parentCode';

/** One data row as the file gives it: trimmed text, `row` numbered as the spreadsheet shows it. */
export interface RegionImportRow {
  row: number;
  code: string;
  name: string;
  level: string;
  parentCode: string;
}

export interface ParsedRegionFile {
  format: 'xlsx' | 'csv';
  /** The header text of each column as written in the file, for error messages; parentCode may be absent. */
  columns: Record<RegionImportColumn, string | null>;
  rows: RegionImportRow[];
}

const HEADER_ALIASES: Record<RegionImportColumn, string[]> = {
  code: ['code', 'regioncode', '区划代码', '代码', '行政区划代码', '编码', '区划编码', '区域代码'],
  name: ['name', 'regionname', '名称', '区划名称', '区域名称'],
  level: ['level', 'regionlevel', '级别', '层级', '区划级别', '区域级别'],
  parentCode: ['parentcode', 'parent', 'parentregioncode', '上级代码', '上级区划代码', '上级编码', '父级代码', '上级区域代码'],
};

/** Header text reduced for matching: lower case, no spaces/underscores/hyphens, no `(…)` hints, no `*`. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s_\-*＊:：]/g, '')
    .toLowerCase();
}

const LEVEL_ALIASES: Record<string, RegionLevel> = {
  district: 'district',
  区: 'district',
  县: 'district',
  区县: 'district',
  县区: 'district',
  '区/县': 'district',
  '县/区': 'district',
  县级市: 'district',
  street: 'street',
  街道: 'street',
  街道办: 'street',
  街道办事处: 'street',
  town: 'town',
  乡镇: 'town',
  乡: 'town',
  镇: 'town',
  '乡/镇': 'town',
  community: 'community',
  社区: 'community',
  居委会: 'community',
  社区居委会: 'community',
  village: 'village',
  村: 'village',
  行政村: 'village',
  村委会: 'village',
  grid: 'grid',
  网格: 'grid',
};

/** A level written in English (`street`) or Chinese (`街道`, `区/县`, `村`…); null when not recognised. */
export function normaliseLevel(raw: string): RegionLevel | null {
  const key = raw.replace(/[\s　]/g, '').replace(/／/g, '/').toLowerCase();
  return LEVEL_ALIASES[key] ?? null;
}

/** The accepted level words, for error messages. */
export const LEVEL_HINT = `${['区/县', REGION_LEVEL_LABELS.street, REGION_LEVEL_LABELS.town, REGION_LEVEL_LABELS.community, REGION_LEVEL_LABELS.village, REGION_LEVEL_LABELS.grid].join('、')}（或 district、street、town、community、village、grid）`;

function fileError(reason: string, message = '文件无法导入'): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path: 'file', reason }]);
}

function unsupported(reason: string): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', `不支持的文件类型：${reason}`, [{ path: 'file', reason }]);
}

export function tooManyRows(count: number): AppError {
  const reason = `文件有 ${count} 行数据，一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`;
  return new AppError('PAYLOAD_TOO_LARGE', reason, [{ path: 'file', reason }]);
}

export function tooLarge(): AppError {
  const reason = `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
  return new AppError('PAYLOAD_TOO_LARGE', reason, [{ path: 'file', reason }]);
}

/** What the bytes are, judged by their content (the name and the declared type are only hints). */
export function sniffFormat(buf: Buffer): 'xlsx' | 'text' | 'xls' | 'binary' {
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  const head = buf.subarray(0, 4096);
  const utf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  if (!utf16 && head.includes(0)) return 'binary';
  const magic = head.subarray(0, 4).toString('latin1');
  if (magic === '%PDF' || magic.startsWith('\x89PNG') || magic.startsWith('\xff\xd8\xff') || magic.startsWith('GIF8')) return 'binary';
  return 'text';
}

/**
 * Sum of the uncompressed sizes the zip's central directory declares: Infinity for zip64 (never
 * needed by a sheet this small), null when there is no readable directory. Used to refuse a zip
 * bomb before unpacking it.
 */
export function declaredZipSize(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) return Infinity;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return Infinity;
    total += size;
    offset += 46 + buf.readUInt16LE(offset + 28) + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
  }
  return total;
}

/** Decodes csv bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (Excel's "CSV" on Chinese Windows). */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/**
 * RFC 4180 csv: quoted fields with `""` escapes and line breaks inside quotes; CRLF, LF or CR line
 * ends. The delimiter (comma, Chinese comma, semicolon or tab) is taken from the first line.
 * Returns one array of cells per record, blank records included, so indexes match spreadsheet rows.
 */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\ufeff/, '');
  const delimiter = guessDelimiter(src);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
      i++;
    } else if (c === delimiter) {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length) endRecord();
  return records;
}

function guessDelimiter(src: string): string {
  const firstLine = src.slice(0, Math.max(0, src.search(/[\r\n]/)) || src.length);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '，', ';', '\t']) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** The text a spreadsheet cell shows, for the kinds of value exceljs gives. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

/** Which column holds which field, when `cells` is a header row with at least code, name and level. */
export function matchHeader(cells: string[]): Record<RegionImportColumn, number | null> | null {
  const found: Record<RegionImportColumn, number | null> = { code: null, name: null, level: null, parentCode: null };
  cells.forEach((cell, index) => {
    const key = normaliseHeader(cell);
    if (!key) return;
    for (const column of Object.keys(HEADER_ALIASES) as RegionImportColumn[]) {
      if (found[column] === null && HEADER_ALIASES[column].includes(key)) found[column] = index;
    }
  });
  return found.code !== null && found.name !== null && found.level !== null ? found : null;
}

/**
 * Turns a grid of cells (row numbers as the spreadsheet shows them) into import rows: finds the
 * header, skips blank rows, enforces the row limit.
 */
export function rowsFromGrid(grid: Array<{ row: number; cells: string[] }>, format: 'xlsx' | 'csv'): ParsedRegionFile {
  const nonEmpty = grid.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!nonEmpty.length) throw fileError('文件是空的，没有任何内容');
  let headerAt = -1;
  let header: Record<RegionImportColumn, number | null> | null = null;
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, nonEmpty.length); i++) {
    header = matchHeader(nonEmpty[i].cells);
    if (header) {
      headerAt = i;
      break;
    }
  }
  if (!header) {
    throw fileError('找不到表头：第一行应为列名，至少包含「区划代码」「名称」「级别」三列（可另加「上级代码」列）', '文件缺少表头');
  }
  const headerCells = nonEmpty[headerAt].cells;
  const label = (index: number | null) => (index === null ? null : headerCells[index].trim());
  const columns: ParsedRegionFile['columns'] = {
    code: label(header.code),
    name: label(header.name),
    level: label(header.level),
    parentCode: label(header.parentCode),
  };
  const data = nonEmpty.slice(headerAt + 1);
  if (!data.length) throw fileError('文件只有表头，没有数据行');
  if (data.length > MAX_IMPORT_ROWS) throw tooManyRows(data.length);
  const at = (cells: string[], index: number | null) => (index === null ? '' : (cells[index] ?? '').trim());
  const h = header;
  return {
    format,
    columns,
    rows: data.map(({ row, cells }) => ({
      row,
      code: at(cells, h.code),
      name: at(cells, h.name),
      level: at(cells, h.level),
      parentCode: at(cells, h.parentCode),
    })),
  };
}

async function xlsxGrid(buf: Buffer): Promise<Array<{ row: number; cells: string[] }>> {
  // The declared sizes alone are not enough: a zip that lies about them would be unpacked in full
  // by exceljs. The guard inflates every part with its declared size as a hard cap.
  try {
    assertZipWithinLimits(buf, MAX_XLSX_UNPACKED_BYTES);
  } catch (err) {
    if (!(err instanceof ZipRefused)) throw err;
    if (err.problem === 'too_large' || err.problem === 'mismatch') {
      throw new AppError('PAYLOAD_TOO_LARGE', '表格解压后内容过大，请分批导入', [{ path: 'file', reason: '表格解压后内容过大' }]);
    }
    throw unsupported('无法读取该 xlsx 文件，请确认它是 Excel 表格（.xlsx）');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw unsupported('无法读取该 xlsx 文件，请确认它是 Excel 表格（.xlsx）');
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw fileError('表格中没有工作表');
  const grid: Array<{ row: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    grid.push({ row: rowNumber, cells });
  });
  return grid;
}

/**
 * Parses an uploaded region file. The format is judged from the bytes: an xlsx (zip) or text
 * (csv). Throws AppError: 415 for anything else (including the old binary .xls), 413 when too big
 * or too long, 400 for an empty file or one without a header row.
 */
export async function parseRegionFile(buf: Buffer, filename = ''): Promise<ParsedRegionFile> {
  if (buf.length > MAX_IMPORT_BYTES) throw tooLarge();
  if (buf.length === 0) throw fileError('文件是空的，没有任何内容');
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (ext && !['xlsx', 'csv', 'txt'].includes(ext)) {
    throw unsupported(ext === 'xls' ? '不支持旧版 .xls，请在 Excel 中另存为 .xlsx 或 .csv' : `不支持 .${ext} 文件，请上传 .xlsx 或 .csv`);
  }
  const kind = sniffFormat(buf);
  if (kind === 'xls') throw unsupported('不支持旧版 .xls，请在 Excel 中另存为 .xlsx 或 .csv');
  if (kind === 'binary') throw unsupported('请上传 .xlsx 或 .csv 文件');
  if (kind === 'xlsx') {
    if (ext && ext !== 'xlsx') throw unsupported(`文件内容是 Excel 表格，但扩展名是 .${ext}`);
    return rowsFromGrid(await xlsxGrid(buf), 'xlsx');
  }
  if (ext === 'xlsx') throw unsupported('文件扩展名是 .xlsx，但内容不是 Excel 表格');
  const records = parseCsv(decodeText(buf));
  return rowsFromGrid(
    records.map((cells, i) => ({ row: i + 1, cells })),
    'csv',
  );
}
