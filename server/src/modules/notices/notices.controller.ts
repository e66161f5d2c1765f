import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DOMAIN_CODES, NOTICE_KINDS, type NoticeCardDto, type NoticeFeedQuery, noticeFeedQuerySchema, type Page } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import type { NoticeDetailResponse } from './notice.mapper';
import { NoticesService } from './notices.service';

/** The resident feed and notice pages. Public: a token, when sent, supplies the default region. */
@ApiTags('notices')
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  /** `?regionId=&domain=&kind=&q=&cursor=&limit=` → `{items, nextCursor}`. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Published notices of a region and of every region above it: urgent, pinned, then newest first' })
  @ApiQuery({ name: 'regionId', required: false, type: Number, description: "Default: the caller's home region; 400 when neither is given" })
  @ApiQuery({ name: 'domain', required: false, enum: DOMAIN_CODES })
  @ApiQuery({ name: 'kind', required: false, enum: NOTICE_KINDS })
  @ApiQuery({ name: 'q', required: false, type: String, description: 'Words to find in the title, body, basis, publisher, document and index numbers and service-guide fields; every space-separated word must appear (≤ 50 characters)' })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: "The previous page's nextCursor" })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1–50, default 20' })
  feed(
    @Query(new ZodPipe(noticeFeedQuerySchema)) query: NoticeFeedQuery,
    @CurrentUser(true) user: AuthUser | undefined,
  ): Promise<Page<NoticeCardDto>> {
    return this.notices.feed(query, user);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A published notice with its eight standard elements; anything unpublished is 404' })
  @ApiParam({ name: 'id', type: Number })
  detail(@Param('id', IdPipe) id: number, @CurrentUser(true) user: AuthUser | undefined): Promise<NoticeDetailResponse> {
    return this.notices.detail(id, user);
  }
}
