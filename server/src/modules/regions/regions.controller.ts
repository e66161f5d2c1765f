import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { listRegionsQuerySchema, type RegionDetailDto, type RegionDto } from '@sunboard/shared';
import { Public } from '../../common/decorators/public.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { RegionsService } from './regions.service';

/** Reading the tree is public: the region picker runs before a resident has chosen anything. */
@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Public()
  @Get()
  async list(@Query(new ZodPipe(listRegionsQuerySchema)) query: { parentId?: number }): Promise<{ items: RegionDto[] }> {
    return { items: await this.regions.list(query.parentId) };
  }

  @Public()
  @Get(':id')
  detail(@Param('id', IdPipe) id: number): Promise<RegionDetailDto> {
    return this.regions.detail(id);
  }
}
