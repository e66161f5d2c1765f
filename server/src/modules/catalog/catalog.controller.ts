import { createHash } from 'node:crypto';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CatalogDto } from '@sunboard/shared';
import { Public } from '../../common/decorators/public.decorator';
import { buildCatalog } from './catalog';

/** The code lists with their Chinese names. They change only with a release: cacheable, with an ETag. */
@ApiTags('catalog')
@Controller('catalog')
export class CatalogController {
  private readonly catalog = buildCatalog();
  private readonly etag = `"${createHash('sha256').update(JSON.stringify(this.catalog)).digest('base64url').slice(0, 27)}"`;

  @Public()
  @Get()
  @ApiOperation({ summary: 'Domains (26), 五公开 categories, kinds, channels, methods, audiences and statuses: code + Chinese name' })
  get(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): CatalogDto | undefined {
    void reply.header('etag', this.etag).header('cache-control', 'public, max-age=3600');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === this.etag)) {
      void reply.status(304);
      return undefined;
    }
    return this.catalog;
  }
}
