import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type NoticeReachDto, STAFF_ROLES } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { InboxItem } from '../push/entities/inbox-item.entity';
import { NoticeRead } from './notice-read.entity';

/** 知晓率: a user's first view of a notice, and per notice how many residents of its scope have read it. */
@Injectable()
export class NoticeReadsService {
  private readonly logger = new Logger('NoticeReads');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Records the first view; later ones change nothing (INSERT IGNORE / INSERT OR IGNORE on the
   * (notice, user) key), and marks the user's message-centre items for the notice read. Never fails the page: a failure is logged (ids only) and the read goes on.
   */
  async record(userId: number, noticeId: number): Promise<void> {
    try {
      const now = new Date();
      await this.db.createQueryBuilder().insert().into(NoticeRead).values({ noticeId, userId, firstReadAt: now }).orIgnore().execute();
      // Opening the notice (from the WeChat card or the feed) also reads its message-centre item.
      await this.db
        .createQueryBuilder()
        .update(InboxItem)
        .set({ readAt: now })
        .where('user_id = :userId AND notice_id = :noticeId AND read_at IS NULL', { userId, noticeId })
        .execute();
    } catch (err) {
      this.logger.warn({ noticeId, err: (err as Error).message }, 'could not record a notice read');
    }
  }

  /**
   * Residents whose home region lies in the notice's region subtree, and how many of them opened it:
   * one query of three counts, each an index range (region path prefix, notice_read primary key).
   */
  async reach(user: AuthUser, noticeId: number): Promise<NoticeReachDto> {
    const found: Array<{ path: string }> = await this.db.query('SELECT r.path AS path FROM notice n JOIN region r ON r.id = n.region_id WHERE n.id = ?', [noticeId]);
    if (!found.length) throw AppError.notFound('公告');
    const path = found[0].path;
    assertCovers(user, path, STAFF_ROLES);
    const under = `${path}%`;
    const [row]: Array<{ residents: number | string; readers: number | string; total: number | string }> = await this.db.query(
      `SELECT
         (SELECT COUNT(*) FROM app_user u JOIN region r ON r.id = u.home_region_id WHERE r.path LIKE ?) AS residents,
         (SELECT COUNT(*) FROM notice_read nr JOIN app_user u ON u.id = nr.user_id JOIN region r ON r.id = u.home_region_id
           WHERE nr.notice_id = ? AND r.path LIKE ?) AS readers,
         (SELECT COUNT(*) FROM notice_read nr WHERE nr.notice_id = ?) AS total`,
      [under, noticeId, under, noticeId],
    );
    const residentsInScope = Number(row.residents);
    const readers = Number(row.readers);
    return {
      noticeId,
      residentsInScope,
      readers,
      rate: residentsInScope ? Math.round((readers / residentsInScope) * 10_000) / 10_000 : 0,
      readersOutsideScope: Number(row.total) - readers,
    };
  }
}
