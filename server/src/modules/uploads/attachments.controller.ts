import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AttachmentDto } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { AppError } from '../../common/errors/app-error';
import { IdPipe } from '../../common/pipes/zod-validation.pipe';
import { ATTACHMENT_VARIANTS, type AttachmentVariant } from './attachment.mapper';
import { AttachmentsService } from './attachments.service';
import { contentDisposition } from './file-name';
import { readUpload } from './multipart-upload';
import { ACCEPTED_HINT, MAX_DOCUMENT_BYTES } from './upload-types';

/** Photos and documents from staff phones, and reading them back. */
@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /**
   * Uploads one file (multipart field `file`). The type is taken from the bytes: JPEG, PNG or WebP
   * photos up to 10 MB (re-encoded upright without EXIF/GPS, plus a display copy and a thumbnail),
   * PDF and xlsx up to 20 MB. Anything else is 415, anything larger 413. An optional field `name`
   * gives the name to show (WeChat's temporary file names mean nothing to residents).
   */
  @Post()
  @HttpCode(201)
  @Roles('grid_worker', 'reviewer', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: ACCEPTED_HINT }, name: { type: 'string', maxLength: 100 } } } })
  async upload(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<AttachmentDto> {
    const file = await readUpload(req, { maxBytes: MAX_DOCUMENT_BYTES, fields: ['name'] });
    return this.attachments.upload(user, file);
  }

  /**
   * The stored file (`file`), or an image's display copy (`display`, ≤ 1280 px) or thumbnail
   * (`thumb`, ≤ 320 px). Anyone may read an upload of a published notice; otherwise only its
   * uploader and staff covering the notice's region.
   */
  @Get(':id/:variant')
  @Public()
  @ApiParam({ name: 'variant', enum: ATTACHMENT_VARIANTS })
  async read(
    @CurrentUser(true) user: AuthUser | undefined,
    @Param('id', IdPipe) id: number,
    @Param('variant') variant: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!(ATTACHMENT_VARIANTS as readonly string[]).includes(variant)) throw AppError.notFound('附件');
    const opened = await this.attachments.open(user, id, variant as AttachmentVariant);
    const { attachment, file } = opened;
    const etag = `"${opened.key.replace(/[^a-z0-9-]/g, '')}"`;
    const inline = attachment.kind !== 'xlsx';
    const name = variant === 'file' ? attachment.name : attachment.name.replace(/(\.[^.]+)?$/, `-${variant}$1`);
    void reply
      .header('content-type', attachment.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', name))
      // The bytes under a key never change; who may read them can, so private copies are revalidated.
      .header('cache-control', opened.public ? 'public, max-age=3600' : 'private, no-cache')
      .header('vary', 'Authorization')
      .header('etag', etag);
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      file.stream.destroy();
      void reply.status(304).send();
      return;
    }
    void reply.header('content-length', String(file.size)).status(200).send(file.stream);
  }

  /** Deletes one of the caller's own uploads that no notice uses yet. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    await this.attachments.remove(user, id);
  }
}
