import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type CursorQuery,
  isBadRating,
  type Page,
  RATING_CHANGE_DAYS,
  RATING_LEVELS,
  type RateInput,
  type rateSchema,
  type RatingDto,
  type RatingSummaryDto,
  type RatingTargetQuery,
  SATISFIED_MIN_LEVEL,
  STAFF_ROLES,
} from '@sunboard/shared';
import type { z } from 'zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { covers } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { AppError } from '../../common/errors/app-error';
import { decodeIdCursor, encodeIdCursor } from '../../common/pagination/id-cursor';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { inTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { WorkingCalendar } from '../calendar/working-calendar';
import { ContentCheckService } from '../consultations/content-check.service';
import { regionInfo } from './followup-access';
import { RatingFollowup } from './rating-followup.entity';
import { changeableUntil } from './rating.mapper';
import { hidesTarget, homePathOf, loadTarget, type RatingTarget, refusalError, refusalFor } from './rating-targets';
import { RatingViews } from './rating-views.service';
import { Rating } from './rating.entity';

type Rate = z.infer<typeof rateSchema>;

const zhDateTime = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

/**
 * 好差评: one rating per resident per target, changeable for RATING_CHANGE_DAYS. A 差评 (level ≤ 2)
 * opens a follow-up due RATING_FOLLOWUP_WORKING_DAYS working days later; a change keeps the one
 * follow-up a rating has in step with its level (docs/ratings.md, "Changing a rating").
 */
@Injectable()
export class RatingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly audit: AuditService,
    private readonly content: ContentCheckService,
    private readonly views: RatingViews,
  ) {}

  /** `PUT /api/ratings`: rate, or change one's rating within the window. */
  async rate(user: AuthUser, input: RateInput): Promise<RatingDto> {
    const body = input as Rate;
    const target = await this.rateableTarget(this.db.manager, user, body);
    const existing = await this.db.getRepository(Rating).findOneBy({ targetType: body.targetType, targetId: body.targetId, userId: user.id });
    if (existing) await this.assertChangeable(existing);

    // The content check calls WeChat: done before the transaction, and only for a new or changed comment.
    const comment = body.comment ? body.comment : null;
    let held = false;
    if (comment !== null) {
      if (existing && existing.comment === comment) held = !!existing.commentHeld;
      else held = (await this.content.check(comment, user.openid, 'comment')).outcome !== 'pass';
    }

    const cal = await this.calendar.fresh();
    const id = await inTransaction(this.db, async (tx) => {
      const now = this.clock.now();
      const repo = tx.getRepository(Rating);
      // Lock only a rating that exists. On MariaDB/MySQL a locking read that finds no row takes a gap
      // lock, and two residents' first ratings of one target then deadlock on each other's gap when
      // they insert; a first rating relies on the unique key instead (a same-resident race: 409).
      const found = await repo.findOne({ where: { targetType: body.targetType, targetId: body.targetId, userId: user.id } });
      const current = found ? await repo.findOne({ where: { id: found.id }, ...this.lock(tx) }) : null;
      if (!current) {
        const saved = await repo.save(
          repo.create({
            targetType: body.targetType,
            targetId: body.targetId,
            regionId: target.ref.regionId,
            domain: target.domain,
            userId: user.id,
            level: body.level,
            tags: body.tags,
            comment,
            commentHeld: held,
            createdAt: now,
            updatedAt: now,
          }),
        );
        await this.audit.record(tx, { actorId: user.id, action: 'rating_create', targetType: 'rating', targetId: saved.id, regionId: saved.regionId, note: `评价等级 ${body.level}`, at: now });
        if (isBadRating(body.level)) await this.openFollowup(tx, saved, null, cal.today(), now);
        return saved.id;
      }
      await this.assertChangeable(current, tx);
      const before = current.level;
      await repo.update({ id: current.id }, { level: body.level, tags: body.tags, comment, commentHeld: held, updatedAt: now });
      Object.assign(current, { level: body.level, tags: body.tags, comment, commentHeld: held, updatedAt: now });
      await this.audit.record(tx, { actorId: user.id, action: 'rating_change', targetType: 'rating', targetId: current.id, regionId: current.regionId, note: `评价等级 ${before} → ${body.level}`, at: now });
      await this.followLevel(tx, current, before, cal.today(), now);
      return current.id;
    });
    const saved = await this.db.getRepository(Rating).findOneByOrFail({ id });
    return this.views.rating(saved);
  }

  /** `GET /api/ratings/target`: counts per level (appeals upheld left out), whether the caller may rate, and their own rating. */
  async summary(user: AuthUser | undefined, q: RatingTargetQuery): Promise<RatingSummaryDto> {
    const m = this.db.manager;
    const target = await loadTarget(m, q.targetType, q.targetId);
    const refusal = refusalFor(target, q.targetType, user, await homePathOf(m, user));
    if (hidesTarget(refusal)) throw refusalError(refusal!, q.targetType);
    const rows: Array<{ level: number | string; n: number | string }> = await m.query(
      `SELECT r.level AS level, COUNT(*) AS n FROM rating r LEFT JOIN rating_followup f ON f.rating_id = r.id
        WHERE r.target_type = ? AND r.target_id = ? AND (f.outcome IS NULL OR f.outcome <> 'appeal_upheld') GROUP BY r.level`,
      [q.targetType, q.targetId],
    );
    const byLevel = Object.fromEntries(RATING_LEVELS.map((l) => [String(l), 0])) as RatingSummaryDto['byLevel'];
    for (const row of rows) if (String(Number(row.level)) in byLevel) byLevel[String(Number(row.level)) as keyof typeof byLevel] = Number(row.n);
    const total = Object.values(byLevel).reduce((a, b) => a + b, 0);
    const satisfied = RATING_LEVELS.filter((l) => l >= SATISFIED_MIN_LEVEL).reduce((a, l) => a + byLevel[`${l}`], 0);
    const own = user ? await m.getRepository(Rating).findOneBy({ targetType: q.targetType, targetId: q.targetId, userId: user.id }) : null;
    const mine = own ? await this.views.rating(own) : null;
    let reason = refusal?.reason ?? null;
    if (!reason && own) reason = this.changeRefusal(own, await m.getRepository(RatingFollowup).findOneBy({ ratingId: own.id }));
    return {
      targetType: q.targetType,
      targetId: q.targetId,
      total,
      byLevel,
      satisfactionRate: total ? satisfied / total : null,
      rateable: reason === null,
      notRateableReason: reason,
      mine,
    };
  }

  /** 我的评价, newest first. */
  async mine(user: AuthUser, q: CursorQuery): Promise<Page<RatingDto>> {
    const before = q.cursor ? decodeIdCursor('r', q.cursor) : undefined;
    const qb = this.db.getRepository(Rating).createQueryBuilder('r').where('r.user_id = :uid', { uid: user.id });
    if (before !== undefined) qb.andWhere('r.id < :before', { before });
    const rows = await qb.orderBy('r.id', 'DESC').take(q.limit + 1).getMany();
    const page = rows.slice(0, q.limit);
    return { items: await this.views.ratings(page), nextCursor: rows.length > q.limit ? encodeIdCursor('r', page[page.length - 1].id) : null };
  }

  /** One rating: its rater, and staff covering its region (or the region its follow-up went up to). */
  async detail(user: AuthUser, id: number): Promise<RatingDto> {
    const r = await this.db.getRepository(Rating).findOneBy({ id });
    if (!r) throw AppError.notFound('评价');
    if (r.userId !== user.id) {
      const region = await regionInfo(this.db.manager, r.regionId);
      const f = await this.db.getRepository(RatingFollowup).findOneBy({ ratingId: id });
      const escalated = f?.escalatedToRegionId ? await regionInfo(this.db.manager, f.escalatedToRegionId) : null;
      const staff = (region && covers(user, region.path, STAFF_ROLES)) || (escalated && covers(user, escalated.path, STAFF_ROLES));
      if (!staff) {
        if (user.grants.length) throw new AppError('OUT_OF_SCOPE', '该评价不在您的管辖范围内');
        throw AppError.notFound('评价');
      }
    }
    return this.views.rating(r);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private async rateableTarget(m: EntityManager, user: AuthUser, body: Rate): Promise<RatingTarget> {
    const target = await loadTarget(m, body.targetType, body.targetId);
    const refusal = refusalFor(target, body.targetType, user, await homePathOf(m, user));
    if (refusal) throw refusalError(refusal, body.targetType);
    return target!;
  }

  /** Why the rater may no longer change the rating, or null. */
  private changeRefusal(r: Rating, f?: RatingFollowup | null): string | null {
    if (f?.outcome === 'appeal_upheld') return '该评价经申诉核实不计入统计，不能再修改';
    const until = changeableUntil(r);
    if (this.clock.now().getTime() > until.getTime()) return `评价只能在提交后 ${RATING_CHANGE_DAYS} 天内修改，已于${zhDateTime(until)}截止`;
    return null;
  }

  private async assertChangeable(r: Rating, m: EntityManager = this.db.manager): Promise<void> {
    const f = await m.getRepository(RatingFollowup).findOneBy({ ratingId: r.id });
    const reason = this.changeRefusal(r, f);
    if (reason) throw new AppError('CONFLICT', reason, [{ path: 'targetId', reason }]);
  }

  /**
   * Keeps the rating's one follow-up in step with a changed level:
   * bad → bad keeps it as it is; bad → good closes an open or replied one as `satisfied` (the
   * resident withdrew the complaint); good → bad opens one, or reopens the closed one with a new
   * due date (its earlier reply stays in the register).
   */
  private async followLevel(tx: EntityManager, r: Rating, before: number, today: string, now: Date): Promise<void> {
    const wasBad = isBadRating(before);
    const isBad = isBadRating(r.level);
    const repo = tx.getRepository(RatingFollowup);
    const f = await repo.findOneBy({ ratingId: r.id });
    if (isBad && (!wasBad || !f)) {
      await this.openFollowup(tx, r, f, today, now);
      return;
    }
    if (!isBad && f && f.status !== 'closed') {
      await repo.update({ id: f.id }, { status: 'closed', outcome: 'satisfied', closedAt: now });
      await this.audit.record(tx, { actorId: r.userId, action: 'followup_close', targetType: 'followup', targetId: f.id, regionId: f.regionId, note: '居民改为满意评价，回访办结', at: now });
    }
  }

  private async openFollowup(tx: EntityManager, r: Rating, closed: RatingFollowup | null, today: string, now: Date): Promise<void> {
    const due = this.calendar.addWorkingDays(today, this.config.ratingFollowupWorkingDays);
    const repo = tx.getRepository(RatingFollowup);
    const fresh = {
      status: 'open' as const,
      outcome: null,
      dueOn: due.date,
      provisional: due.provisional,
      escalatedAt: null,
      escalatedToRegionId: null,
      verification: null,
      reply: null,
      fixed: null,
      repliedBy: null,
      repliedAt: null,
      repliedOn: null,
      confirmedAt: null,
      confirmNote: null,
      closedAt: null,
    };
    let id: number;
    if (closed) {
      await repo.update({ id: closed.id }, { ...fresh, appealStatus: 'none', appealReason: null, appealNote: null, appealBy: null, appealDecidedBy: null });
      id = closed.id;
    } else {
      id = (await repo.save(repo.create({ ...fresh, ratingId: r.id, regionId: r.regionId, appealStatus: 'none', appealReason: null, appealNote: null, appealBy: null, appealDecidedBy: null, createdAt: now }))).id;
    }
    await this.audit.record(tx, { actorId: r.userId, action: 'followup_open', targetType: 'followup', targetId: id, regionId: r.regionId, note: `差评转核实整改，应于 ${due.date} 前答复${due.provisional ? '（节假日未公布，估算）' : ''}`, at: now });
  }

  private lock(tx: EntityManager) {
    return tx.connection.options.type === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {};
  }
}
