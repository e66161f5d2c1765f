import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type PushFiguresDto, type PushFiguresQuery, STAFF_ROLES } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { toSqlTime } from '../notices/search/sql-time';

type StatusCount = { status: string; n: number | string };

/**
 * Delivery figures for staff covering the notice's or region's area. `read` counts targeted residents
 * who opened the notice (its `notice_read` row), whichever way they got there.
 */
@Injectable()
export class PushFiguresService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async figures(user: AuthUser, q: PushFiguresQuery): Promise<PushFiguresDto> {
    return q.noticeId !== undefined ? this.forNotice(user, q.noticeId) : this.forRegion(user, q.regionId!, q.from ?? null, q.to ?? null);
  }

  /** One notice: its outbox rows by status (the (notice_id, status) index) and its targeted readers. */
  private async forNotice(user: AuthUser, noticeId: number): Promise<PushFiguresDto> {
    const found: Array<{ path: string }> = await this.db.query('SELECT r.path AS path FROM notice n JOIN region r ON r.id = n.region_id WHERE n.id = ?', [noticeId]);
    if (!found.length) throw AppError.notFound('公告');
    assertCovers(user, found[0].path, STAFF_ROLES);
    const counts: StatusCount[] = await this.db.query('SELECT status, COUNT(*) AS n FROM push_outbox WHERE notice_id = ? GROUP BY status', [noticeId]);
    const [read]: Array<{ n: number | string }> = await this.db.query(
      'SELECT COUNT(*) AS n FROM notice_read nr WHERE nr.notice_id = ? AND EXISTS (SELECT 1 FROM push_outbox o WHERE o.user_id = nr.user_id AND o.notice_id = nr.notice_id)',
      [noticeId],
    );
    return { noticeId, regionId: null, from: null, to: null, ...tally(counts), read: Number(read.n) };
  }

  /**
   * Every message about the region's subtree written in [from, to) (all time when open-ended): one
   * (region_id, created_at) index range per region. `read` counts, among those messages' residents,
   * the ones who opened the notice the message was about.
   */
  private async forRegion(user: AuthUser, regionId: number, from: string | null, to: string | null): Promise<PushFiguresDto> {
    const found: Array<{ path: string }> = await this.db.query('SELECT path FROM region WHERE id = ?', [regionId]);
    if (!found.length) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: 'regionId', reason: `区域 ${regionId} 不存在` }]);
    assertCovers(user, found[0].path, STAFF_ROLES);
    const where = ['r.path LIKE ?'];
    const params: unknown[] = [`${found[0].path}%`];
    if (from) {
      where.push('o.created_at >= ?');
      params.push(toSqlTime(new Date(from)));
    }
    if (to) {
      where.push('o.created_at < ?');
      params.push(toSqlTime(new Date(to)));
    }
    const base = `FROM region r JOIN push_outbox o ON o.region_id = r.id WHERE ${where.join(' AND ')}`;
    const counts: StatusCount[] = await this.db.query(`SELECT o.status AS status, COUNT(*) AS n ${base} GROUP BY o.status`, params);
    const [read]: Array<{ n: number | string }> = await this.db.query(
      `SELECT COUNT(*) AS n ${base} AND o.notice_id IS NOT NULL AND EXISTS (SELECT 1 FROM notice_read nr WHERE nr.notice_id = o.notice_id AND nr.user_id = o.user_id)`,
      params,
    );
    return {
      noticeId: null,
      regionId,
      from: from ? new Date(from).toISOString() : null,
      to: to ? new Date(to).toISOString() : null,
      ...tally(counts),
      read: Number(read.n),
    };
  }
}

/** Outbox statuses into the figures: `queued` includes rows being sent right now. */
export function tally(counts: StatusCount[]): Pick<PushFiguresDto, 'targeted' | 'queued' | 'sent' | 'refused' | 'failed'> {
  const by = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const out = { queued: by('queued') + by('sending'), sent: by('sent'), refused: by('refused'), failed: by('failed') };
  return { targeted: counts.reduce((sum, c) => sum + Number(c.n), 0), ...out };
}
