import type { RegionDetailDto, RegionDto } from '@sunboard/shared';
import { http } from './http';

/** Children of `parentId`, or the roots (districts) without it. */
export async function listRegions(parentId?: number): Promise<RegionDto[]> {
  const res = await http.get<{ items: RegionDto[] }>('/api/regions', { parentId });
  return res.items;
}

export function getRegion(id: number): Promise<RegionDetailDto> {
  return http.get<RegionDetailDto>(`/api/regions/${encodeURIComponent(String(id))}`);
}
