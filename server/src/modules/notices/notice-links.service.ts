import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttachmentDto, NoticeTableDto } from '@sunboard/shared';
import { AttachmentsService } from '../uploads/attachments.service';
import { NoticeTablesService } from '../uploads/notice-tables.service';
import type { NoticeLinks } from './notice-content';

/**
 * A notice's attachments and 公示 table, which the uploads module stores. The workflow goes through
 * here so it has one seam to that module: reading what a notice links to (for digests, snapshots and
 * views) and claiming uploads inside the notice's transaction.
 */
@Injectable()
export class NoticeLinksService {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly tables: NoticeTablesService,
  ) {}

  /** Attachment ids (in id order) and table id of each notice: two queries whatever the number of notices. */
  async linksOf(noticeIds: number[]): Promise<Map<number, NoticeLinks>> {
    const [attachments, tables] = await Promise.all([this.attachments.listForNotices(noticeIds), this.tables.tableIdsForNotices(noticeIds)]);
    return new Map(noticeIds.map((id) => [id, { attachmentIds: (attachments.get(id) ?? []).map((a) => a.id), tableId: tables.get(id) ?? null }]));
  }

  attachmentsOf(noticeIds: number[]): Promise<Map<number, AttachmentDto[]>> {
    return this.attachments.listForNotices(noticeIds);
  }

  /** The notice's table whatever its state: callers decide who may see it. */
  tableOf(noticeId: number): Promise<NoticeTableDto | null> {
    return this.tables.forNotice(noticeId);
  }

  /**
   * Inside the notice's transaction: attach exactly the given uploads (only the fields present), as
   * `userId` — the uploads module accepts uploads of that user, unattached or already on this notice.
   */
  async claim(tx: EntityManager, noticeId: number, userId: number, links: Partial<NoticeLinks>): Promise<void> {
    if (links.attachmentIds !== undefined) await this.attachments.claimForNotice(tx, noticeId, userId, links.attachmentIds);
    if (links.tableId !== undefined) await this.tables.claimForNotice(tx, noticeId, userId, links.tableId);
  }
}
