import { Body, Controller, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  createRegionSchema,
  type CreateRegionInput,
  type RegionDto,
  type RegionImportResultDto,
  updateRegionSchema,
  type UpdateRegionInput,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { AppError } from '../../common/errors/app-error';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { MAX_IMPORT_BYTES, parseRegionFile, tooLarge } from './region-import.parser';
import { RegionsAdminService } from './regions-admin.service';

/** Changing the region tree: admins only, and only inside the subtree their grant covers. */
@ApiTags('regions')
@ApiBearerAuth()
@Roles('admin')
@Controller('regions')
export class RegionsAdminController {
  constructor(private readonly regions: RegionsAdminService) {}

  @Post()
  @ApiZodBody(createRegionSchema)
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createRegionSchema)) body: CreateRegionInput): Promise<RegionDto> {
    return this.regions.create(user, body);
  }

  /**
   * Imports regions from an xlsx or csv with a header row: 区划代码 (code), 名称 (name), 级别 (level),
   * 上级代码 (parent code). Rows may come in any order; existing codes are renamed or moved. Any bad
   * row: 422 IMPORT_FAILED listing every bad row, and nothing is imported.
   */
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: `.xlsx or .csv, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB and 5000 rows` } },
    },
  })
  async import(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<RegionImportResultDto> {
    if (!req.isMultipart()) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）', [
        { path: 'file', reason: '请求不是文件上传（multipart/form-data）' },
      ]);
    }
    const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') throw AppError.field('file', '请选择要导入的 .xlsx 或 .csv 文件（字段名 file）');
    let buf: Buffer;
    try {
      buf = await part.toBuffer();
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw err;
    }
    if (part.file.truncated) throw tooLarge();
    const parsed = await parseRegionFile(buf, part.filename);
    return this.regions.import(user, parsed);
  }

  /** Rename, or move under another parent (the whole subtree moves with it). */
  @Patch(':id')
  @ApiZodBody(updateRegionSchema)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body(new ZodPipe(updateRegionSchema)) body: UpdateRegionInput,
  ): Promise<RegionDto> {
    return this.regions.update(user, id, body);
  }
}
