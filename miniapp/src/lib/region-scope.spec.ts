import type { RegionDto } from '@sunboard/shared';
import { buildScopeOptions, parentsToExpand } from './region-scope';

const region = (id: number, name: string, level: RegionDto['level'], parentId: number): RegionDto => ({ id, name, level, parentId, code: String(id), path: '', childCount: 0 });

describe('region scope options', () => {
  const street = { id: 2, name: '马庄街道', level: 'street' as const, fullName: '湛河区 / 马庄街道' };
  const children = new Map<number, RegionDto[]>([
    [2, [region(7, '光明社区', 'community', 2), region(8, '建设路社区', 'community', 2)]],
    [7, [region(70, '网格一', 'grid', 7)]],
  ]);
  it('lists the root, then the regions below, with full names', () => {
    expect(buildScopeOptions([street], children).map((o) => [o.id, o.fullName, o.depth])).toEqual([
      [2, '湛河区 / 马庄街道', 0],
      [7, '湛河区 / 马庄街道 / 光明社区', 1],
      [70, '湛河区 / 马庄街道 / 光明社区 / 网格一', 2],
      [8, '湛河区 / 马庄街道 / 建设路社区', 1],
    ]);
    expect(buildScopeOptions([street], children, 1).map((o) => o.id)).toEqual([2, 7, 8]);
  });
  it('says which regions still need their children', () => {
    const options = buildScopeOptions([street], children);
    expect(parentsToExpand(options, new Set([2, 7])).map((o) => o.id)).toEqual([8]);
  });
});
