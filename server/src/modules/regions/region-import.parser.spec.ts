import ExcelJS from 'exceljs';
import { AppError } from '../../common/errors/app-error';
import {
  cellText,
  declaredZipSize,
  decodeText,
  MAX_IMPORT_ROWS,
  normaliseLevel,
  parseCsv,
  parseRegionFile,
  sniffFormat,
} from './region-import.parser';

async function xlsx(rows: unknown[][], sheetName = '区划'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, line breaks inside quotes and every line ending', () => {
    const text = 'a,"b, c","say ""hi"""\r\n1,"two\nlines",3\r4,5,6\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('keeps blank lines as empty records so row numbers match the spreadsheet', () => {
    expect(parseCsv('h1,h2\n\nx,y')).toEqual([['h1', 'h2'], [''], ['x', 'y']]);
  });

  it('guesses the delimiter from the first line (tab, semicolon, Chinese comma)', () => {
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a;b\n1;2')[1]).toEqual(['1', '2']);
    expect(parseCsv('代码，名称\n1，光明社区')[1]).toEqual(['1', '光明社区']);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(parseCsv('\ufeffcode,name')[0]).toEqual(['code', 'name']);
  });
});

describe('decodeText', () => {
  it('reads UTF-8, UTF-16 with BOM, and falls back to GB18030 for Excel CSVs from Chinese Windows', () => {
    expect(decodeText(Buffer.from('光明社区', 'utf8'))).toBe('光明社区');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('社区', 'utf16le')]))).toBe('社区');
    // "社区" in GBK
    expect(decodeText(Buffer.from([0xc9, 0xe7, 0xc7, 0xf8]))).toBe('社区');
  });
});

describe('normaliseLevel', () => {
  it.each([
    ['district', 'district'],
    ['District', 'district'],
    ['区', 'district'],
    ['县', 'district'],
    ['区/县', 'district'],
    ['区／县', 'district'],
    ['街道', 'street'],
    ['乡镇', 'town'],
    ['镇', 'town'],
    ['社区', 'community'],
    ['村', 'village'],
    [' 网格 ', 'grid'],
    ['grid', 'grid'],
  ])('%s → %s', (raw, level) => expect(normaliseLevel(raw)).toBe(level));

  it('returns null for anything else', () => {
    expect(normaliseLevel('省')).toBeNull();
    expect(normaliseLevel('')).toBeNull();
  });
});

describe('sniffFormat / declaredZipSize / cellText', () => {
  it('tells xlsx, old xls, binary and text apart by their bytes', async () => {
    expect(sniffFormat(await xlsx([['a']]))).toBe('xlsx');
    expect(sniffFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('xls');
    expect(sniffFormat(Buffer.from('%PDF-1.7\n'))).toBe('binary');
    expect(sniffFormat(Buffer.from([1, 2, 0, 4]))).toBe('binary');
    expect(sniffFormat(Buffer.from('code,name\n'))).toBe('text');
  });

  it('sums the sizes a zip declares, and gives null for a broken one', async () => {
    const buf = await xlsx([['code', 'name']]);
    const size = declaredZipSize(buf);
    expect(size).toBeGreaterThan(buf.length / 2);
    expect(size).toBeLessThan(100_000);
    expect(declaredZipSize(buf.subarray(0, buf.length - 30))).toBeNull();
  });

  it('shows numbers without exponent, rich text joined, formulas by their result', () => {
    expect(cellText(410411001001)).toBe('410411001001');
    expect(cellText({ richText: [{ text: '光明' }, { text: '社区' }] })).toBe('光明社区');
    expect(cellText({ formula: 'A1', result: '湛河区' } as ExcelJS.CellFormulaValue)).toBe('湛河区');
    expect(cellText(null)).toBe('');
  });
});

describe('parseRegionFile', () => {
  it('reads a csv with English headers in any column order and numbers rows as the spreadsheet does', async () => {
    const csv = 'name,code,parent code,level\n湛河区,410411,,district\n\n马庄街道,410411001,410411,street\n';
    const parsed = await parseRegionFile(Buffer.from(csv), 'regions.csv');
    expect(parsed.format).toBe('csv');
    expect(parsed.columns).toEqual({ code: 'code', name: 'name', level: 'level', parentCode: 'parent code' });
    expect(parsed.rows).toEqual([
      { row: 2, code: '410411', name: '湛河区', level: 'district', parentCode: '' },
      { row: 4, code: '410411001', name: '马庄街道', level: 'street', parentCode: '410411' },
    ]);
  });

  it('accepts Chinese headers (区划代码/代码, 名称, 级别/层级, 上级代码) and a title line above them', async () => {
    const csv = '湛河区行政区划表\n代码,名称,层级,上级代码\n410411001001,光明社区,社区,410411001\n';
    const parsed = await parseRegionFile(Buffer.from(csv));
    expect(parsed.columns).toEqual({ code: '代码', name: '名称', level: '层级', parentCode: '上级代码' });
    expect(parsed.rows).toEqual([{ row: 3, code: '410411001001', name: '光明社区', level: '社区', parentCode: '410411001' }]);
  });

  it('reads an xlsx: numeric codes, row numbers from the sheet, blank rows skipped', async () => {
    const buf = await xlsx([
      ['区划代码', '名称', '级别', '上级代码'],
      [410411, '湛河区', '区/县', null],
      [],
      ['410411001', { richText: [{ text: '马庄' }, { text: '街道' }] }, '街道', 410411],
    ]);
    const parsed = await parseRegionFile(buf, '区划.xlsx');
    expect(parsed.format).toBe('xlsx');
    expect(parsed.rows).toEqual([
      { row: 2, code: '410411', name: '湛河区', level: '区/县', parentCode: '' },
      { row: 4, code: '410411001', name: '马庄街道', level: '街道', parentCode: '410411' },
    ]);
  });

  it('works without a parent column', async () => {
    const parsed = await parseRegionFile(Buffer.from('区划代码,名称,级别\nA1,一区,区\n'));
    expect(parsed.columns.parentCode).toBeNull();
    expect(parsed.rows[0].parentCode).toBe('');
  });

  it('refuses an empty file, a file without a header and a header without data with 400', async () => {
    for (const [buf, reason] of [
      [Buffer.alloc(0), /空/],
      [Buffer.from('\n\n ,\n'), /空/],
      [Buffer.from('foo,bar\n1,2\n'), /表头/],
      [Buffer.from('code,name,level\n'), /没有数据/],
    ] as const) {
      const err = await failure(parseRegionFile(buf, 'x.csv'));
      expect(err.status).toBe(400);
      expect(err.code).toBe('VALIDATION_FAILED');
      expect((err.details as Array<{ reason: string }>)[0].reason).toMatch(reason);
    }
  });

  it('refuses other file types with 415, explaining the old .xls', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    let err = await failure(parseRegionFile(xls, 'old.xls'));
    expect(err.status).toBe(415);
    expect(err.message).toMatch(/xls/);
    err = await failure(parseRegionFile(xls, 'old'));
    expect(err.status).toBe(415);
    err = await failure(parseRegionFile(Buffer.from('%PDF-1.4 ...'), 'a.pdf'));
    expect(err.status).toBe(415);
    err = await failure(parseRegionFile(Buffer.from('code,name,level\n'), 'fake.xlsx'));
    expect(err.status).toBe(415);
    err = await failure(parseRegionFile(Buffer.from('PK\u0003\u0004garbage'), 'broken.xlsx'));
    expect(err.status).toBe(415);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} data rows with 413 and says how many there are`, async () => {
    const lines = ['code,name,level,parent code'];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`C${i},网格${i},grid,P`);
    const err = await failure(parseRegionFile(Buffer.from(lines.join('\n'))));
    expect(err.status).toBe(413);
    expect(err.message).toContain(String(MAX_IMPORT_ROWS + 1));
  });

  it('refuses a file over 5 MB with 413', async () => {
    const err = await failure(parseRegionFile(Buffer.alloc(5 * 1024 * 1024 + 1, 0x41)));
    expect(err.status).toBe(413);
  });
});
