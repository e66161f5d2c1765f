import type { RegionDto } from '@sunboard/shared';
import type { Region } from './region.entity';

export function toRegionDto(region: Region, childCount: number): RegionDto {
  return {
    id: region.id,
    code: region.code,
    name: region.name,
    level: region.level,
    parentId: region.parentId,
    path: region.path,
    childCount,
  };
}
