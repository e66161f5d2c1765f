import type { RegionLevel } from '@sunboard/shared';

/**
 * The demo district, parents before children. Codes follow the 行政区划 pattern (6 digits for the
 * district, 9 for streets/towns, 12 for communities/villages); grids get an internal `-NN` suffix.
 */
export interface DemoRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

const district: DemoRegion = { code: '410411', name: '湛河区', level: 'district', parentCode: null };

const streets: DemoRegion[] = [
  { code: '410411004', name: '马庄街道', level: 'street', parentCode: '410411' },
  { code: '410411006', name: '河滨街道', level: 'street', parentCode: '410411' },
  { code: '410411007', name: '北渡街道', level: 'street', parentCode: '410411' },
  { code: '410411200', name: '曹镇乡', level: 'town', parentCode: '410411' },
];

const communities: DemoRegion[] = [
  { code: '410411004001', name: '光明社区', level: 'community', parentCode: '410411004' },
  { code: '410411004002', name: '建设路社区', level: 'community', parentCode: '410411004' },
  { code: '410411006001', name: '湛南社区', level: 'community', parentCode: '410411006' },
  { code: '410411006002', name: '滨河社区', level: 'community', parentCode: '410411006' },
  { code: '410411007201', name: '北渡村', level: 'village', parentCode: '410411007' },
  { code: '410411200201', name: '曹镇村', level: 'village', parentCode: '410411200' },
  { code: '410411200202', name: '柳庄村', level: 'village', parentCode: '410411200' },
];

const GRID_NAMES = ['网格一', '网格二'];

const grids: DemoRegion[] = communities.flatMap((c) =>
  GRID_NAMES.map((name, i): DemoRegion => ({ code: `${c.code}-${String(i + 1).padStart(2, '0')}`, name, level: 'grid', parentCode: c.code })),
);

export const DEMO_REGIONS: DemoRegion[] = [district, ...streets, ...communities, ...grids];
