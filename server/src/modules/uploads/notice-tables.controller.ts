import { Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { NOTICE_TABLE_LIMITS, type NoticeTableDto } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { IdPipe } from '../../common/pipes/zod-validation.pipe';
import { readUpload } from './multipart-upload';
import { NoticeTablesService } from './notice-tables.service';

/** 公示 lists: imported from xlsx with personal data masked, then attached to a notice. */
@ApiTags('notice-tables')
@ApiBearerAuth()
@Controller('notice-tables')
export class NoticeTablesController {
  constructor(private readonly tables: NoticeTablesService) {}

  /**
   * Imports the first worksheet of an xlsx (multipart field `file`, ≤ 5 MB, ≤ 2,000 data rows; an
   * optional field `title`). The first non-empty row is the header. ID-number, phone and
   * bank-account columns (by header or by their values) are masked, as is any such number in other
   * text; the answer is the preview, with masked columns marked. The file itself is not kept.
   */
  @Post('import')
  @HttpCode(201)
  @Roles('grid_worker', 'reviewer', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: `.xlsx, at most ${NOTICE_TABLE_LIMITS.maxFileBytes / 1024 / 1024} MB and ${NOTICE_TABLE_LIMITS.maxRows} rows` },
        title: { type: 'string', maxLength: NOTICE_TABLE_LIMITS.maxTitleChars },
      },
    },
  })
  async import(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<NoticeTableDto> {
    const file = await readUpload(req, { maxBytes: NOTICE_TABLE_LIMITS.maxFileBytes, fields: ['title'] });
    return this.tables.import(user, file);
  }

  /** A table: public while its notice is published and its 公示 period runs; else its importer and staff covering the notice's region. */
  @Get(':id')
  @Public()
  get(@CurrentUser(true) user: AuthUser | undefined, @Param('id', IdPipe) id: number): Promise<NoticeTableDto> {
    return this.tables.get(user, id);
  }

  /** Deletes one of the caller's own tables that no notice uses yet. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    await this.tables.remove(user, id);
  }
}
