import type { ParsedRegionFile, RegionImportRow } from './region-import.parser';
import { type ExistingRegion, type ImportContext, nestingReason, validateRegionImport } from './region-import.validator';

/** 湛河区 (1) → 马庄街道 (2) → 光明社区 (4); 湛河区 → 北渡街道 (3) → 北渡村 (5). */
const EXISTING: ExistingRegion[] = [
  { id: 1, code: '410411', name: '湛河区', level: 'district', parentId: null, path: '/1/' },
  { id: 2, code: '410411001', name: '马庄街道', level: 'street', parentId: 1, path: '/1/2/' },
  { id: 3, code: '410411002', name: '北渡街道', level: 'street', parentId: 1, path: '/1/3/' },
  { id: 4, code: '410411001001', name: '光明社区', level: 'community', parentId: 2, path: '/1/2/4/' },
  { id: 5, code: '410411002001', name: '北渡村', level: 'village', parentId: 3, path: '/1/3/5/' },
];

const COLUMNS = { code: '区划代码', name: '名称', level: '级别', parentCode: '上级代码' };

function file(rows: Array<[code: string, name: string, level: string, parentCode?: string]>): ParsedRegionFile {
  return {
    format: 'csv',
    columns: COLUMNS,
    rows: rows.map(([code, name, level, parentCode = ''], i): RegionImportRow => ({ row: i + 2, code, name, level, parentCode })),
  };
}

function ctx(scope: string | null = null): ImportContext {
  return {
    existingByCode: new Map(EXISTING.map((r) => [r.code, r])),
    canManage: (path) => scope === null || (path !== null && path.startsWith(scope)),
  };
}

describe('validateRegionImport', () => {
  it('plans new regions in any row order, parents first, resolving parents in the file and among existing regions', () => {
    const result = validateRegionImport(
      file([
        ['G1', '一网格', '网格', 'C9'],
        ['C9', '新华社区', '社区', 'S9'],
        ['S9', '新街道', '街道', '410411'],
        ['C8', '和平社区', 'community', '410411001'],
      ]),
      ctx(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.created).toBe(4);
    expect(result.plan.ops.map((o) => o.code)).toEqual(['S9', 'C9', 'C8', 'G1']);
    expect(result.plan.ops[0]).toMatchObject({ kind: 'create', parent: { existingId: 1 }, level: 'street' });
    expect(result.plan.ops[1]).toMatchObject({ parent: { newCode: 'S9' } });
    expect(result.plan.ops[2]).toMatchObject({ parent: { existingId: 2 } });
  });

  it('renames and moves existing regions, counts unchanged rows, and keeps a region in place when its parent cell is blank', () => {
    const result = validateRegionImport(
      file([
        ['410411', '湛河区', '区'],
        ['410411001', '马庄街道办', '街道', '410411'],
        ['410411001001', '光明社区', '社区', '410411002'],
        ['410411002001', '北渡村', '村'],
      ]),
      ctx(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan).toMatchObject({ created: 0, updated: 2, unchanged: 2 });
    expect(result.plan.ops).toEqual([
      { kind: 'update', row: 3, id: 2, code: '410411001', level: 'street', name: '马庄街道办' },
      { kind: 'update', row: 4, id: 4, code: '410411001001', level: 'community', moveTo: { existingId: 3 } },
    ]);
  });

  it('moves an existing region under a region the same file creates', () => {
    const result = validateRegionImport(
      file([
        ['410411001001', '光明社区', '社区', 'S9'],
        ['S9', '新街道', '街道', '410411'],
      ]),
      ctx(),
    );
    expect(result.ok && result.plan.ops).toEqual([
      { kind: 'create', row: 3, code: 'S9', name: '新街道', level: 'street', parent: { existingId: 1 } },
      { kind: 'update', row: 2, id: 4, code: '410411001001', level: 'community', moveTo: { newCode: 'S9' } },
    ]);
  });

  it('reports every bad row at once with the column header as the file writes it', () => {
    const result = validateRegionImport(
      file([
        ['ok1', '好街道', '街道', '410411'],
        ['bad code!', '名称', '社区', '410411001'],
        ['C1', '', '社区', '410411001'],
        ['C2', '某社区', '省', '410411001'],
        ['C3', '某社区', '社区', 'NOPE'],
        ['C4', '某社区', '社区', '410411'],
        ['OK1', '重复', '街道', '410411'],
        ['410411001', '马庄街道', '社区', '410411'],
        ['C5', '自己', '社区', 'C5'],
        ['S7', '无上级街道', '街道'],
      ]),
      ctx(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '区划代码'],
      [4, '名称'],
      [5, '级别'],
      [6, '上级代码'],
      [7, '上级代码'],
      [8, '区划代码'],
      [9, '级别'],
      [10, '上级代码'],
      [11, '级别'],
    ]);
    expect(result.errors[3].reason).toContain('NOPE');
    expect(result.errors[4].reason).toBe(nestingReason('district', 'community'));
    expect(result.errors[5].reason).toContain('第 2 行');
    expect(result.errors[6].reason).toContain('街道');
    expect(result.errors[8].reason).toBe(nestingReason(null, 'street'));
  });

  it('does not pile errors onto the children of a bad row', () => {
    const result = validateRegionImport(
      file([
        ['S9', '新街道', '村', '410411'],
        ['C9', '新社区', '社区', 'S9'],
      ]),
      ctx(),
    );
    expect(!result.ok && result.errors).toEqual([{ row: 2, column: '上级代码', reason: nestingReason('district', 'village') }]);
  });

  describe('scope (admin of 马庄街道 /1/2/)', () => {
    const scope = '/1/2/';

    it('lets the admin add and rename inside the street, and pass unchanged rows from outside it', () => {
      const result = validateRegionImport(
        file([
          ['410411', '湛河区', '区'],
          ['410411001', '马庄街道', '街道', '410411'],
          ['410411001001', '光明社区（新）', '社区', '410411001'],
          ['C9', '新社区', '社区', '410411001'],
          ['G9', '新网格', '网格', 'C9'],
        ]),
        ctx(scope),
      );
      expect(result.ok && result.plan).toMatchObject({ created: 2, updated: 1, unchanged: 2 });
    });

    it('reports each row that would write outside the street', () => {
      const result = validateRegionImport(
        file([
          ['C9', '别处社区', '社区', '410411002'],
          ['410411002001', '北渡村改名', '村', '410411002'],
          ['410411001001', '光明社区', '社区', '410411002'],
          ['D9', '新区', '区'],
          ['G9', '别处网格', '网格', 'C9'],
        ]),
        ctx(scope),
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      // G9 hangs under the refused C9: only C9's row is reported.
      expect(result.errors.map((e) => e.row)).toEqual([2, 3, 4, 5]);
      expect(result.errors[0].reason).toContain('管辖范围');
      expect(result.errors[3].reason).toContain('全域管理员');
    });
  });
});
