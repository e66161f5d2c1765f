import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import type { RegionDetailDto, RegionDto, RegionRefDto } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { pathIds, Region } from './region.entity';
import { toRegionDto } from './region.mapper';

/** Reading the region tree: lookups, ancestors, and the references other modules embed in their DTOs. */
@Injectable()
export class RegionsService {
  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  /** The region, or 404 REGION_NOT_FOUND naming the field it came from. */
  async get(id: number, field = 'regionId'): Promise<Region> {
    const region = await this.regions.findOneBy({ id });
    if (!region) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: field, reason: `区域 ${id} 不存在` }]);
    return region;
  }

  async list(parentId: number | undefined): Promise<RegionDto[]> {
    if (parentId !== undefined) await this.get(parentId, 'parentId');
    const rows = await this.regions.find({
      where: { parentId: parentId === undefined ? IsNull() : parentId },
      order: { code: 'ASC', id: 'ASC' },
    });
    const counts = await this.childCounts(rows.map((r) => r.id));
    return rows.map((r) => toRegionDto(r, counts.get(r.id) ?? 0));
  }

  async detail(id: number): Promise<RegionDetailDto> {
    const region = await this.get(id, 'id');
    const ancestors = await this.ancestors(region);
    const counts = await this.childCounts([region.id, ...ancestors.map((a) => a.id)]);
    return {
      ...toRegionDto(region, counts.get(region.id) ?? 0),
      ancestors: ancestors.map((a) => toRegionDto(a, counts.get(a.id) ?? 0)),
    };
  }

  /** Ancestors from the root down to the parent. */
  async ancestors(region: Region): Promise<Region[]> {
    const ids = pathIds(region.path).filter((id) => id !== region.id);
    if (!ids.length) return [];
    const rows = await this.regions.findBy({ id: In(ids) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is Region => !!r);
  }

  /** `{id, name, level, fullName}` for each id, with names from the root down (湛河区 / 马庄街道 / 光明社区). */
  async refs(ids: Array<number | null | undefined>): Promise<Map<number, RegionRefDto>> {
    const wanted = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
    const out = new Map<number, RegionRefDto>();
    if (!wanted.length) return out;
    const regions = await this.regions.findBy({ id: In(wanted) });
    const allIds = [...new Set(regions.flatMap((r) => pathIds(r.path)))];
    const names = new Map((await this.regions.findBy({ id: In(allIds) })).map((r) => [r.id, r.name]));
    for (const r of regions) {
      const fullName = pathIds(r.path)
        .map((id) => names.get(id))
        .filter(Boolean)
        .join(' / ');
      out.set(r.id, { id: r.id, name: r.name, level: r.level, fullName });
    }
    return out;
  }

  async ref(id: number | null): Promise<RegionRefDto | null> {
    if (id === null) return null;
    return (await this.refs([id])).get(id) ?? null;
  }

  /** The regions with no parent (normally the one district). */
  roots(): Promise<Region[]> {
    return this.regions.find({ where: { parentId: IsNull() }, order: { id: 'ASC' } });
  }

  private async childCounts(ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows: Array<{ parent_id: number; n: number | string }> = await this.regions
      .createQueryBuilder('r')
      .select('r.parent_id', 'parent_id')
      .addSelect('COUNT(*)', 'n')
      .where('r.parent_id IN (:...ids)', { ids })
      .groupBy('r.parent_id')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.parent_id), Number(r.n)]));
  }
}
