import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull, LessThan } from 'typeorm';
import type { CursorQuery, InboxItemDto, InboxReadAllDto, InboxUnreadDto, Page } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import { InboxItem } from '../push/entities/inbox-item.entity';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';
import { toInboxItemDto } from './inbox.mapper';

/**
 * The message centre (消息): every message written for a resident, whether or not WeChat could
 * deliver it. Each query is an index range on (user_id, id) or (user_id, read_at). Another resident's
 * item answers 404 exactly like a missing one, so ids reveal nothing.
 */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get items() {
    return this.db.getRepository(InboxItem);
  }

  async list(userId: number, query: CursorQuery): Promise<Page<InboxItemDto>> {
    const before = query.cursor ? decodeInboxCursor(query.cursor) : undefined;
    const rows = await this.items.find({
      where: { userId, ...(before !== undefined ? { id: LessThan(before) } : {}) },
      order: { id: 'DESC' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return { items: page.map(toInboxItemDto), nextCursor: rows.length > query.limit ? encodeInboxCursor(page[page.length - 1].id) : null };
  }

  async unread(userId: number): Promise<InboxUnreadDto> {
    const [row]: Array<{ n: number | string }> = await this.db.query('SELECT COUNT(*) AS n FROM inbox_item WHERE user_id = ? AND read_at IS NULL', [userId]);
    return { unread: Number(row.n) };
  }

  /** Marks one of the caller's items read (again: no change). 404 for a missing item or another resident's. */
  async markRead(userId: number, id: number): Promise<InboxItemDto> {
    await this.items.update({ id, userId, readAt: IsNull() }, { readAt: new Date() });
    const item = await this.items.findOneBy({ id, userId });
    if (!item) throw AppError.notFound('消息');
    return toInboxItemDto(item);
  }

  async markAllRead(userId: number): Promise<InboxReadAllDto> {
    const result = await this.items.update({ userId, readAt: IsNull() }, { readAt: new Date() });
    return { marked: result.affected ?? 0 };
  }
}
