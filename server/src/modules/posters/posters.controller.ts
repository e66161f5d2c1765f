import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/decorators/public.decorator';
import { IdPipe } from '../../common/pipes/zod-validation.pipe';
import { PostersService } from './posters.service';

/** RFC 5987 value for `filename*`: percent-encoded UTF-8, including the characters encodeURIComponent leaves. */
function rfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * For the physical notice board (线上线下融合): a published notice's mini-program code and its
 * printable A4 poster. Public, like the notice itself. Headers are set only on success, so a 404
 * or 502 is never cached as if it were the file.
 */
@ApiTags('notices')
@Controller('notices')
export class PostersController {
  constructor(private readonly posters: PostersService) {}

  @Public()
  @Get(':id/qrcode')
  @ApiOperation({
    summary: "The notice's mini-program code (PNG): opens packages/notice/detail/index with scene n=<id>",
    description: 'The page receives query.scene URL-encoded (n%3D42); decode it with noticeIdFromScene from @sunboard/shared.',
  })
  @ApiParam({ name: 'id', type: Number })
  @ApiProduces('image/png')
  @ApiResponse({ status: 200, description: 'PNG image' })
  @ApiResponse({ status: 404, description: 'No published notice with this id' })
  @ApiResponse({ status: 502, description: 'WECHAT_UNAVAILABLE: WeChat could not make the code' })
  async qrcode(@Param('id', IdPipe) id: number, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const png = await this.posters.qrcode(id);
    void reply.header('cache-control', 'public, max-age=86400');
    return new StreamableFile(png, { type: 'image/png', length: png.length });
  }

  @Public()
  @Get(':id/poster.pdf')
  @ApiOperation({ summary: 'A printable A4 PDF poster of the notice: title, key elements, an excerpt and the mini-program code' })
  @ApiParam({ name: 'id', type: Number })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'PDF document (A4, Chinese font embedded as a subset)' })
  @ApiResponse({ status: 404, description: 'No published notice with this id' })
  @ApiResponse({ status: 502, description: 'WECHAT_UNAVAILABLE: WeChat could not make the code' })
  @ApiResponse({ status: 503, description: 'SERVICE_UNAVAILABLE: the server has no Chinese font (install fonts-noto-cjk or set CJK_FONT_PATH)' })
  async poster(@Param('id', IdPipe) id: number, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { pdf, noticeId, title } = await this.posters.poster(id);
    const shortTitle = [...title].slice(0, 60).join('');
    void reply.header('cache-control', 'public, max-age=300');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `inline; filename="notice-${noticeId}.pdf"; filename*=UTF-8''${rfc5987(`${shortTitle}.pdf`)}`,
    });
  }
}
