import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import {
  type FollowupAppealDecisionInput,
  type followupAppealDecisionSchema,
  type FollowupAppealInput,
  type followupAppealSchema,
  type FollowupConfirmInput,
  type followupConfirmSchema,
  type FollowupReplyInput,
  type followupReplySchema,
  type Page,
  STAFF_ROLES,
  type StaffFollowupDto,
  type StaffFollowupQuery,
} from '@sunboard/shared';
import type { z } from 'zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers, scopePaths } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { WorkingCalendar } from '../calendar/working-calendar';
import { OutboxWriter } from '../push/outbox-writer';
import { appealBlocked, assertOwnsFollowup, assertReadsFollowup, decidesAppeal, type LoadedFollowup, loadFollowup } from './followup-access';
import { decodeFollowupCursor, encodeFollowupCursor } from './followup-cursor';
import { ratingPage, replyText } from './followup-messages';
import { RatingFollowup } from './rating-followup.entity';
import { loadTarget } from './rating-targets';
import { RatingViews } from './rating-views.service';

type Reply = z.infer<typeof followupReplySchema>;
type Confirm = z.infer<typeof followupConfirmSchema>;
type Appeal = z.infer<typeof followupAppealSchema>;
type Decision = z.infer<typeof followupAppealDecisionSchema>;

/**
 * The closed loop of a 差评: open → (the owner verifies, replies and records what was fixed) replied →
 * (the rater confirms satisfied / not satisfied, or says nothing for 7 days) closed. Owners may appeal
 * a mistaken or malicious rating once; a reviewer of the region above decides, and an upheld appeal
 * closes the follow-up as `appeal_upheld` (the rating is kept, and left out of satisfaction figures).
 * Every step is one conditional UPDATE (a second, concurrent step gets 409) plus its register row.
 */
@Injectable()
export class FollowupsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly audit: AuditService,
    private readonly outbox: OutboxWriter,
    private readonly views: RatingViews,
  ) {}

  /** Follow-ups in the caller's regions (and those escalated to them), oldest due first. */
  async staffList(user: AuthUser, q: StaffFollowupQuery): Promise<Page<StaffFollowupDto>> {
    const paths = scopePaths(user, STAFF_ROLES);
    const where: string[] = [];
    const params: unknown[] = [];
    if (!paths.includes(null)) {
      where.push(`(${paths.map(() => '(r.path LIKE ? OR e.path LIKE ?)').join(' OR ')})`);
      for (const p of paths) params.push(`${p}%`, `${p}%`);
    }
    if (q.regionId !== undefined) {
      const rows: Array<{ path: string }> = await this.db.query('SELECT path FROM region WHERE id = ?', [q.regionId]);
      if (!rows.length) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: 'regionId', reason: '找不到该区域' }]);
      assertCovers(user, rows[0].path, STAFF_ROLES);
      where.push('r.path LIKE ?');
      params.push(`${rows[0].path}%`);
    }
    if (q.status) {
      where.push('f.status = ?');
      params.push(q.status);
    }
    if (q.overdue !== undefined) {
      const today = (await this.calendar.fresh()).today();
      where.push(q.overdue ? "(f.status = 'open' AND f.due_on < ?)" : "(f.status <> 'open' OR f.due_on >= ?)");
      params.push(today);
    }
    if (q.appeal) {
      where.push('f.appeal_status = ?');
      params.push(q.appeal);
    }
    if (q.cursor) {
      const c = decodeFollowupCursor(q.cursor);
      where.push('(f.due_on > ? OR (f.due_on = ? AND f.id > ?))');
      params.push(c.dueOn, c.dueOn, c.id);
    }
    const rows: Array<{ id: number | string }> = await this.db.query(
      `SELECT f.id AS id FROM rating_followup f JOIN region r ON r.id = f.region_id LEFT JOIN region e ON e.id = f.escalated_to_region_id
        WHERE ${where.length ? where.join(' AND ') : '1 = 1'} ORDER BY f.due_on, f.id LIMIT ${q.limit + 1}`,
      params,
    );
    const ids = rows.slice(0, q.limit).map((r) => Number(r.id));
    if (!ids.length) return { items: [], nextCursor: null };
    const found = await this.db.getRepository(RatingFollowup).findBy({ id: In(ids) });
    const byId = new Map(found.map((f) => [f.id, f]));
    const page = ids.map((id) => byId.get(id)!);
    const last = page[page.length - 1];
    return { items: await this.views.staffFollowups(user, page), nextCursor: rows.length > q.limit ? encodeFollowupCursor(last.dueOn, last.id) : null };
  }

  /** One follow-up: the rater, its owners and the reviewers who decide its appeals. */
  async detail(user: AuthUser, id: number): Promise<StaffFollowupDto> {
    const lf = await loadFollowup(this.db.manager, id);
    assertReadsFollowup(user, lf);
    return (await this.views.staffFollowups(user, [lf.f]))[0];
  }

  /** The owner verified, answers the rater and records what was fixed; the rater is told (WeChat + message centre). */
  async reply(user: AuthUser, id: number, input: FollowupReplyInput): Promise<StaffFollowupDto> {
    const body = input as Reply;
    const cal = await this.calendar.fresh();
    await inTransaction(this.db, async (tx) => {
      const lf = await loadFollowup(tx, id, true);
      assertOwnsFollowup(user, lf);
      if (lf.rating.userId === user.id) throw AppError.forbidden('不能处理自己提交的评价');
      if (lf.f.status !== 'open') throw new AppError('CONFLICT', lf.f.status === 'replied' ? '该差评已经答复过，正在等待居民确认' : '该差评回访已办结，不能再答复');
      const now = this.clock.now();
      const today = cal.today();
      const fixed = body.fixed ? body.fixed : null;
      await this.move(tx, lf, { status: 'replied', verification: body.verification, reply: body.reply, fixed, repliedBy: user.id, repliedAt: now, repliedOn: today });
      const onTime = today <= lf.f.dueOn;
      await this.audit.record(tx, { actorId: user.id, action: 'followup_reply', targetType: 'followup', targetId: id, regionId: lf.f.regionId, note: onTime ? '已核实并答复（按期）' : '已核实并答复（超期）', at: now });
      const target = await loadTarget(tx, lf.rating.targetType, lf.rating.targetId);
      const title = target?.ref.title ?? '评价对象';
      const text = replyText(title, lf.region.name, body.reply, fixed);
      await this.outbox.enqueueOne(tx, {
        messageType: 'rating_reply',
        userId: lf.rating.userId,
        dedupeKey: `followup:${id}:reply:${now.getTime()}`,
        values: { target: title, repliedAt: now, reply: body.reply, replier: lf.region.name },
        page: ratingPage(lf.rating.id),
        title: text.title,
        body: text.body,
        regionId: lf.f.regionId,
      });
    });
    return this.detail(user, id);
  }

  /** 回访: the rater says whether the reply satisfied them. */
  async confirm(user: AuthUser, id: number, input: FollowupConfirmInput): Promise<StaffFollowupDto> {
    const body = input as Confirm;
    await inTransaction(this.db, async (tx) => {
      const lf = await loadFollowup(tx, id, true);
      const access = assertReadsFollowup(user, lf);
      if (!access.rater) throw AppError.forbidden('只有提交评价的居民本人可以确认回访结果');
      if (lf.f.status !== 'replied') throw new AppError('CONFLICT', lf.f.status === 'open' ? '工作人员还没有答复，答复后才能确认' : '该差评回访已办结');
      const now = this.clock.now();
      const outcome = body.satisfied ? 'satisfied' : 'unsatisfied';
      await this.move(tx, lf, { status: 'closed', outcome, confirmedAt: now, confirmNote: body.note ? body.note : null, closedAt: now });
      await this.audit.record(tx, { actorId: user.id, action: 'followup_confirm', targetType: 'followup', targetId: id, regionId: lf.f.regionId, note: body.satisfied ? '居民回访满意' : '居民回访不满意', at: now });
    });
    return this.detail(user, id);
  }

  /** The owner contests a mistaken or malicious rating (once). */
  async appeal(user: AuthUser, id: number, input: FollowupAppealInput): Promise<StaffFollowupDto> {
    const body = input as Appeal;
    await inTransaction(this.db, async (tx) => {
      const lf = await loadFollowup(tx, id, true);
      assertOwnsFollowup(user, lf);
      if (lf.rating.userId === user.id) throw AppError.forbidden('不能对自己提交的评价申诉');
      const blocked = appealBlocked(lf.f);
      if (blocked) throw new AppError('CONFLICT', blocked);
      const now = this.clock.now();
      await this.move(tx, lf, { appealStatus: 'pending', appealReason: body.reason, appealBy: user.id }, 'appeal_status');
      await this.audit.record(tx, { actorId: user.id, action: 'followup_appeal', targetType: 'followup', targetId: id, regionId: lf.f.regionId, note: '申诉该差评，待上级审核', at: now });
    });
    return this.detail(user, id);
  }

  /** A reviewer or admin of the region above decides a pending appeal; upheld closes the follow-up. */
  async decide(user: AuthUser, id: number, input: FollowupAppealDecisionInput): Promise<StaffFollowupDto> {
    const body = input as Decision;
    await inTransaction(this.db, async (tx) => {
      const lf = await loadFollowup(tx, id, true);
      assertReadsFollowup(user, lf);
      if (!decidesAppeal(user, lf.place)) {
        throw AppError.forbidden(lf.parent ? `申诉需由${lf.parent.name}的审核人或管理员审核` : '申诉需由管理员审核');
      }
      if (lf.f.appealStatus !== 'pending') throw new AppError('CONFLICT', lf.f.appealStatus === 'none' ? '该差评没有待审核的申诉' : '该申诉已经审核过');
      if (lf.f.appealBy === user.id) throw AppError.forbidden('申诉人不能审核自己的申诉');
      const now = this.clock.now();
      const patch: Partial<RatingFollowup> = { appealStatus: body.upheld ? 'upheld' : 'rejected', appealNote: body.note, appealDecidedBy: user.id };
      if (body.upheld) Object.assign(patch, { status: 'closed', outcome: 'appeal_upheld', closedAt: lf.f.closedAt ?? now });
      await this.move(tx, lf, patch, 'appeal_status');
      await this.audit.record(tx, { actorId: user.id, action: 'appeal_decide', targetType: 'followup', targetId: id, regionId: lf.f.regionId, note: body.upheld ? '申诉成立，该差评不计入统计' : '申诉不成立', at: now });
    });
    return this.detail(user, id);
  }

  /** Updates the follow-up only if it is still as read (its status, or its appeal state); else 409 and the transaction rolls back. */
  private async move(tx: EntityManager, lf: LoadedFollowup, patch: Partial<RatingFollowup>, guard: 'status' | 'appeal_status' = 'status'): Promise<void> {
    const result = await tx
      .createQueryBuilder()
      .update(RatingFollowup)
      .set(patch)
      .where(`id = :id AND ${guard} = :state`, { id: lf.f.id, state: guard === 'status' ? lf.f.status : lf.f.appealStatus })
      .execute();
    if (!result.affected) throw new AppError('CONFLICT', '该差评刚刚被其他人处理过，请刷新后再试');
    Object.assign(lf.f, patch);
  }
}
