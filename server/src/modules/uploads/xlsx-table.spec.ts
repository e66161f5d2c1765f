import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../../common/errors/app-error';
import { maskTable } from './mask-table';
import { gridToTable, MAX_TABLE_ROWS, readXlsxTable } from './xlsx-table';
import { assertZipWithinLimits, ZipRefused } from './zip-guard';

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('公示'));
  wb.addWorksheet('另一张').addRow(['不读这张表']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const grid = (...rows: string[][]) => rows.map((cells, i) => ({ row: i + 1, cells }));

/** The AppError a call throws (fails the test when it does not throw one). */
async function appError(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('xlsx → table', () => {
  it('reads the first worksheet: header, rows, display text of dates, numbers and formulas', async () => {
    const buf = await xlsx((ws) => {
      ws.addRow([]);
      ws.addRow(['姓名', '发放日期', '金额', '合计', '备注']);
      const r = ws.addRow(['张三', new Date(Date.UTC(2026, 10, 26)), 620, { formula: 'C3*12', result: 7440 }, '']);
      r.getCell(3).numFmt = '#,##0.00';
      r.getCell(4).numFmt = '0.00"元"';
      ws.addRow([]);
      ws.addRow(['李四', new Date(Date.UTC(2026, 0, 5)), 1200.5, { formula: 'C5*12', result: 14406 }, '  户主  ']);
    });
    const table = await readXlsxTable(buf);
    expect(table.title).toBeNull();
    expect(table.headers).toEqual(['姓名', '发放日期', '金额', '合计', '备注']);
    expect(table.rows).toEqual([
      ['张三', '2026-11-26', '620.00', '7440.00元', ''],
      ['李四', '2026-01-05', '1200.5', '14406', '户主'],
    ]);
  });

  it('takes a lone (merged) title line above the header as the title', async () => {
    const buf = await xlsx((ws) => {
      ws.addRow(['光明社区2026年11月低保公示']);
      ws.mergeCells('A1:C1');
      ws.addRow(['姓名', '家庭人口', '金额']);
      ws.addRow(['王五', 3, 900]);
    });
    const table = await readXlsxTable(buf);
    expect(table.title).toBe('光明社区2026年11月低保公示');
    expect(table.headers).toEqual(['姓名', '家庭人口', '金额']);
    expect(table.rows).toEqual([['王五', '3', '900']]);
  });

  it('drops empty columns and names untitled ones', () => {
    const t = gridToTable(grid(['姓名', '', '', '金额'], ['张三', '', '甲', '1'], ['李四', '', '', '2']));
    expect(t.headers).toEqual(['姓名', '第2列', '金额']);
    expect(t.rows).toEqual([['张三', '甲', '1'], ['李四', '', '2']]);
  });

  it('refuses a sheet without a header, naming `file`', async () => {
    for (const g of [grid(), grid(['', ' ']), grid(['张三', '350102199001010012', '13812341234']), grid(['2026-11-26', '620', '1,200.50'])]) {
      const err = await appError(() => gridToTable(g));
      expect(err.status).toBe(400);
      expect(err.details).toEqual([{ path: 'file', reason: expect.stringContaining('没有表头') }]);
    }
    const onlyHeader = await appError(() => gridToTable(grid(['姓名', '金额'])));
    expect(onlyHeader.details).toEqual([{ path: 'file', reason: expect.stringContaining('没有数据') }]);
  });

  it('allows 2,000 data rows and refuses more, naming the limit', async () => {
    const rows = (n: number) => grid(['姓名', '金额'], ...Array.from({ length: n }, (_, i) => [`居民${i}`, String(i)]));
    expect(gridToTable(rows(MAX_TABLE_ROWS)).rows).toHaveLength(MAX_TABLE_ROWS);
    const err = await appError(() => gridToTable(rows(MAX_TABLE_ROWS + 1)));
    expect(err.status).toBe(413);
    expect(err.details).toEqual([{ path: 'file', reason: expect.stringContaining(`最多 ${MAX_TABLE_ROWS} 行`) }]);
  });

  it('refuses overlong cells and too many columns', async () => {
    const long = await appError(() => gridToTable(grid(['姓名', '备注'], ['张三', '很'.repeat(1001)])));
    expect(long.details).toEqual([{ path: 'file', reason: '第 2 行第 2 列的内容超过 1000 字' }]);
    const wide = await appError(() => gridToTable(grid(Array.from({ length: 51 }, (_, i) => `列${i}`), Array.from({ length: 51 }, () => 'x'))));
    expect(wide.details).toEqual([{ path: 'file', reason: expect.stringContaining('最多 50 列') }]);
  });
});

describe('masking a table', () => {
  it('masks columns by header and by values, and personal data inside free text', () => {
    const masked = maskTable({
      title: null,
      headers: ['姓名', '身份证号', '联系电话', '银行账号', '号码', '备注', '金额'],
      rows: [
        ['张三', '350102199001010012', '13812341234', '6222021234567890123', '13912345678', '联系人电话13700001111', '620'],
        ['李四', '35010219850202003X', '15900001234', '6217000012345678', '13698765432', '无', '900'],
      ],
    });
    expect(masked.columns.map((c) => [c.title, c.masked])).toEqual([
      ['姓名', null],
      ['身份证号', 'id_number'],
      ['联系电话', 'phone'],
      ['银行账号', 'bank_account'],
      ['号码', 'phone'],
      ['备注', 'phone'],
      ['金额', null],
    ]);
    expect(masked.rows).toEqual([
      ['张三', '35**************12', '138****1234', '6222***********0123', '139****5678', '联系人电话137****1111', '620'],
      ['李四', '35**************3X', '159****1234', '6217********5678', '136****5432', '无', '900'],
    ]);
  });
});

describe('zip guard', () => {
  /** A one-entry zip whose central directory may lie about the unpacked size. */
  function zip(content: Buffer, declaredSize = content.length): Buffer {
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const data = deflateRawSync(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    const localPart = Buffer.concat([local, name, data]);
    const centralPart = Buffer.concat([central, name]);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(centralPart.length, 12);
    eocd.writeUInt32LE(localPart.length, 16);
    return Buffer.concat([localPart, centralPart, eocd]);
  }
  const problem = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof ZipRefused) return err.problem;
      throw err;
    }
    return 'accepted';
  };

  it('accepts an honest zip within the limit', () => {
    expect(assertZipWithinLimits(zip(Buffer.alloc(1000, 'a')), 10_000)).toBe(1000);
  });

  it('refuses declared sizes above the limit before inflating anything', () => {
    expect(problem(() => assertZipWithinLimits(zip(Buffer.alloc(20_000)), 10_000))).toBe('too_large');
  });

  it('catches a zip that declares less than it inflates to, without inflating it all', () => {
    expect(problem(() => assertZipWithinLimits(zip(Buffer.alloc(50_000_000), 100), 10_000))).toBe('mismatch');
  });

  it('refuses what is not a zip', () => {
    expect(problem(() => assertZipWithinLimits(Buffer.from('<html></html>'), 10_000))).toBe('not_zip');
  });
});
