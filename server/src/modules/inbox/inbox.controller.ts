import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type CursorQuery, type InboxItemDto, inboxQuerySchema, type InboxReadAllDto, type InboxUnreadDto, type Page } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { IdPipe, ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { InboxService } from './inbox.service';

/** The caller's message centre (消息). */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: "The caller's messages, newest first (cursor pages)" })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(inboxQuerySchema)) query: CursorQuery): Promise<Page<InboxItemDto>> {
    return this.inbox.list(user.id, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of the caller’s messages are unread (the 消息 tab badge)' })
  unread(@CurrentUser() user: AuthUser): Promise<InboxUnreadDto> {
    return this.inbox.unread(user.id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks all the caller’s messages read' })
  readAll(@CurrentUser() user: AuthUser): Promise<InboxReadAllDto> {
    return this.inbox.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks one message read (404 for a message that is not the caller’s)' })
  @ApiParam({ name: 'id', type: Number })
  read(@CurrentUser() user: AuthUser, @Param('id', IdPipe) id: number): Promise<InboxItemDto> {
    return this.inbox.markRead(user.id, id);
  }
}
