import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import {
  COMMENT_REPORTS_TO_HOLD,
  type CommentDto,
  type CommentListQuery,
  type CommentResultDto,
  type CommentStatus,
  type CreateCommentInput,
  type CreateProxyCommentInput,
  maskPhone,
  type ModerateCommentInput,
  type ModerationQueueQuery,
  type MyCommentDto,
  type Page,
  type ReplyCommentInput,
  type ReportCommentInput,
  type StaffCommentDto,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers, scopePaths } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { decodeIdCursor, encodeIdCursor } from '../../common/pagination/id-cursor';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import {
  assertMayComment,
  CONSULTATION_EDITORS,
  CONSULTATION_STAFF,
  homePath,
  isConsultationStaff,
  type LoadedConsultation,
  loadConsultation,
} from './consultation-access';
import { Consultation, ConsultationComment, ConsultationParagraph, ConsultationReply } from './consultation.entity';
import { type CommentContext, toCommentDto, toStaffCommentDto } from './consultation.mapper';
import { maskName, normalizedBody, statusOf } from './consultation-rules';
import { ContentCheckService, type ContentVerdict } from './content-check.service';

const PROXY_AUTHOR_NAME = '居民（网格员代录）';

/** Lists page by id: the cursor is the last id seen (0: the first page). */
const idCursor = (cursor: string | undefined): number => (cursor ? decodeIdCursor('m', cursor) : 0);
const encodeCursor = (n: number) => encodeIdCursor('m', n);

const hashOf = (body: string) => createHash('sha256').update(normalizedBody(body)).digest('hex');

/**
 * Comments on consultations: writing (residents, and 代录 by grid workers), the content checks,
 * listing (public, mine, staff), support and reports, moderation and official replies.
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly checks: ContentCheckService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {}

  // ── writing ──

  async create(user: AuthUser, consultationId: number, input: CreateCommentInput): Promise<CommentResultDto> {
    const loaded = await loadConsultation(this.db.manager, consultationId);
    const body = input.body.trim();
    const prepare = async (m: EntityManager) => {
      assertMayComment(user, loaded, await homePath(m, user), this.clock.now());
      await this.checkParagraph(m, loaded, input.paragraphId);
      await this.assertNotDuplicate(m, loaded.c.id, { authorId: user.id }, body);
    };
    await prepare(this.db.manager);
    const verdict = await this.checks.check(body, user.openid);
    const author = await this.db.getRepository(User).findOneByOrFail({ id: user.id });
    return this.store(loaded, prepare, verdict, {
      paragraphId: input.paragraphId ?? null,
      authorId: user.id,
      authorName: maskName(author.displayName),
      enteredBy: null,
      proxyNameEnc: null,
      proxyContactEnc: null,
      body,
    }, user.id);
  }

  /** 代录: a grid worker (or other staff covering the region) enters a comment for a resident without a smartphone. */
  async createProxy(user: AuthUser, consultationId: number, input: CreateProxyCommentInput): Promise<CommentResultDto> {
    const loaded = await loadConsultation(this.db.manager, consultationId);
    assertCovers(user, loaded.path, CONSULTATION_STAFF);
    const body = input.body.trim();
    const prepare = async (m: EntityManager) => {
      if (statusOf(loaded.c, this.clock.now()) !== 'open') throw new AppError('CONSULTATION_NOT_OPEN');
      await this.checkParagraph(m, loaded, input.paragraphId);
      await this.assertNotDuplicate(m, loaded.c.id, { enteredBy: user.id }, body);
    };
    await prepare(this.db.manager);
    const verdict = await this.checks.check(body, user.openid);
    return this.store(loaded, prepare, verdict, {
      paragraphId: input.paragraphId ?? null,
      authorId: null,
      authorName: PROXY_AUTHOR_NAME,
      enteredBy: user.id,
      proxyNameEnc: this.cipher.encrypt(input.residentName.trim()),
      proxyContactEnc: this.cipher.encrypt(input.residentPhone.trim()),
      body,
    }, user.id);
  }

  private async store(
    loaded: LoadedConsultation,
    prepare: (m: EntityManager) => Promise<void>,
    verdict: ContentVerdict,
    fields: Pick<ConsultationComment, 'paragraphId' | 'authorId' | 'authorName' | 'enteredBy' | 'proxyNameEnc' | 'proxyContactEnc' | 'body'>,
    viewerId: number,
  ): Promise<CommentResultDto> {
    const holdReason =
      verdict.outcome === 'review' ? 'sec_review' : verdict.outcome === 'unavailable' ? 'check_unavailable' : loaded.c.preModeration ? 'pre_moderation' : null;
    const saved = await inTransaction(this.db, async (tx) => {
      // Checked again inside the transaction: the period may have ended, or the same text arrived meanwhile.
      await prepare(tx);
      const repo = tx.getRepository(ConsultationComment);
      return repo.save(
        repo.create({
          ...fields,
          consultationId: loaded.c.id,
          bodyHash: hashOf(fields.body),
          status: holdReason ? 'pending' : 'visible',
          holdReason,
          hiddenReason: null,
          moderatedBy: null,
          moderatedAt: null,
          reportCount: 0,
          supportCount: 0,
          secLabel: verdict.label,
          secTraceId: verdict.traceId,
          adoption: null,
          adoptionReason: null,
          answeredBy: null,
          answeredAt: null,
          createdAt: this.clock.now(),
        }),
      );
    });
    const [dto] = await this.toDtos(this.db.manager, [saved], viewerId);
    const held = saved.status === 'pending';
    return {
      comment: dto,
      held,
      message: held ? '意见已收到，审核通过后公开显示' : loaded.c.privateComments ? '意见已提交，本次征求意见的意见仅工作人员可见' : '意见已发表',
    };
  }

  private async checkParagraph(m: EntityManager, loaded: LoadedConsultation, paragraphId: number | undefined): Promise<void> {
    if (paragraphId === undefined) return;
    const p = await m.getRepository(ConsultationParagraph).findOneBy({ id: paragraphId });
    if (!p || p.consultationId !== loaded.c.id) throw AppError.field('paragraphId', `条款 ${paragraphId} 不属于这次征求意见`);
  }

  /** The same text as the writer's previous comment on this consultation is refused (a double tap, a resend). */
  private async assertNotDuplicate(m: EntityManager, consultationId: number, who: { authorId?: number; enteredBy?: number }, body: string): Promise<void> {
    const previous = await m.getRepository(ConsultationComment).findOne({
      select: { id: true, bodyHash: true },
      where: { consultationId, ...who },
      order: { id: 'DESC' },
    });
    if (previous && previous.bodyHash === hashOf(body)) {
      throw new AppError('CONFLICT', '您刚刚已提交过内容相同的意见，不需要重复提交', [{ path: 'body', reason: '与上一条意见内容相同' }]);
    }
  }

  // ── reading ──

  /** Comments residents may see: visible ones and hidden placeholders; a private consultation's only to staff. */
  async list(user: AuthUser | undefined, consultationId: number, query: CommentListQuery): Promise<Page<CommentDto>> {
    const loaded = await loadConsultation(this.db.manager, consultationId);
    if (loaded.c.privateComments && !isConsultationStaff(user, loaded)) {
      throw AppError.forbidden('本次征求意见的意见仅工作人员可见，您可以在“我的意见”中查看自己提交的意见');
    }
    const after = idCursor(query.cursor);
    const qb = this.db
      .getRepository(ConsultationComment)
      .createQueryBuilder('c')
      .where('c.consultationId = :id AND c.status IN (:...statuses)', { id: consultationId, statuses: ['visible', 'hidden'] })
      .andWhere('c.id > :after', { after })
      .orderBy('c.id', 'ASC')
      .take(query.limit + 1);
    if (query.paragraphId !== undefined) {
      if (query.paragraphId === 0) qb.andWhere('c.paragraphId IS NULL');
      else qb.andWhere('c.paragraphId = :p', { p: query.paragraphId });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, query.limit);
    return {
      items: await this.toDtos(this.db.manager, page, user?.id ?? null),
      nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  /** 我的意见: the caller's comments, newest first, with answers and replies. */
  async mine(user: AuthUser, query: { cursor?: string; limit: number }): Promise<Page<MyCommentDto>> {
    const before = query.cursor ? idCursor(query.cursor) : 0;
    const qb = this.db
      .getRepository(ConsultationComment)
      .createQueryBuilder('c')
      .where('c.authorId = :uid', { uid: user.id })
      .orderBy('c.id', 'DESC')
      .take(query.limit + 1);
    if (before) qb.andWhere('c.id < :before', { before });
    const rows = await qb.getMany();
    const page = rows.slice(0, query.limit);
    const dtos = await this.toDtos(this.db.manager, page, user.id);
    const consultations = await this.consultationsOf(page);
    const now = this.clock.now();
    return {
      items: page.map((row, i) => {
        const c = consultations.get(row.consultationId)!;
        // The author always reads their own text, also while held or after it was hidden.
        return { ...dtos[i], body: row.body, consultationTitle: c.title, consultationStatus: statusOf(c, now), resultNoticeId: c.resultNoticeId };
      }),
      nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  /** Every comment of one consultation for staff covering it (all states, 代录 details). */
  async staffList(user: AuthUser, consultationId: number, query: { cursor?: string; limit: number; status?: CommentStatus }): Promise<Page<StaffCommentDto>> {
    const loaded = await loadConsultation(this.db.manager, consultationId);
    assertCovers(user, loaded.path, CONSULTATION_STAFF);
    const after = idCursor(query.cursor);
    const rows = await this.db.getRepository(ConsultationComment).find({
      where: { consultationId, ...(query.status ? { status: query.status } : {}), ...(after ? { id: MoreThan(after) } : {}) },
      order: { id: 'ASC' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return { items: await this.toStaffDtos(page, user.id), nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null };
  }

  /** The moderation queue: comments of the given status in consultations of the reviewer's regions, oldest first. */
  async queue(user: AuthUser, query: ModerationQueueQuery): Promise<Page<StaffCommentDto>> {
    const paths = scopePaths(user, CONSULTATION_EDITORS);
    if (!paths.length) throw new AppError('FORBIDDEN');
    const after = idCursor(query.cursor);
    const everywhere = paths.includes(null);
    const params: unknown[] = [query.status, after];
    let scope = '';
    if (!everywhere) {
      scope = ` AND (${paths.map(() => 'r.path LIKE ?').join(' OR ')})`;
      params.push(...paths.map((p) => `${p}%`));
    }
    const idRows: Array<{ id: number | string }> = await this.db.query(
      `SELECT cc.id AS id FROM consultation_comment cc JOIN consultation c ON c.id = cc.consultation_id JOIN region r ON r.id = c.region_id
        WHERE cc.status = ? AND cc.id > ?${scope} ORDER BY cc.id ASC LIMIT ${query.limit + 1}`,
      params,
    );
    const ids = idRows.map((r) => Number(r.id));
    const rows = ids.length ? await this.db.getRepository(ConsultationComment).find({ where: { id: In(ids) }, order: { id: 'ASC' } }) : [];
    const page = rows.slice(0, query.limit);
    return { items: await this.toStaffDtos(page, user.id), nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null };
  }

  // ── support, reports ──

  /** 点赞 once per resident, on a comment shown to residents. */
  async support(user: AuthUser, commentId: number): Promise<CommentDto> {
    await inTransaction(this.db, async (tx) => {
      const { row } = await this.publicComment(tx, user, commentId);
      if (row.status !== 'visible') throw new AppError('CONFLICT', '这条意见当前不能点赞');
      const done = await tx.query('SELECT 1 AS x FROM consultation_support WHERE comment_id = ? AND user_id = ?', [commentId, user.id]);
      if (done.length) throw new AppError('CONFLICT', '您已经支持过这条意见');
      await tx.query('INSERT INTO consultation_support (comment_id, user_id) VALUES (?, ?)', [commentId, user.id]);
      await tx.query('UPDATE consultation_comment SET support_count = support_count + 1 WHERE id = ?', [commentId]);
    });
    return this.one(commentId, user.id);
  }

  /** A report, once per resident; the third holds a visible comment for review. */
  async report(user: AuthUser, commentId: number, input: ReportCommentInput): Promise<CommentDto> {
    await inTransaction(this.db, async (tx) => {
      const { row, loaded } = await this.publicComment(tx, user, commentId);
      if (row.authorId === user.id) throw new AppError('CONFLICT', '不能举报自己的意见');
      const done = await tx.query('SELECT 1 AS x FROM consultation_report WHERE comment_id = ? AND user_id = ?', [commentId, user.id]);
      if (done.length) throw new AppError('CONFLICT', '您已经举报过这条意见，工作人员会尽快处理');
      await tx.query('INSERT INTO consultation_report (comment_id, user_id, reason) VALUES (?, ?, ?)', [commentId, user.id, input.reason ?? '']);
      await tx.query('UPDATE consultation_comment SET report_count = report_count + 1 WHERE id = ?', [commentId]);
      const count = Number((await tx.query('SELECT report_count AS n FROM consultation_comment WHERE id = ?', [commentId]))[0].n);
      if (count >= COMMENT_REPORTS_TO_HOLD && row.status === 'visible') {
        const held = await tx
          .getRepository(ConsultationComment)
          .update({ id: commentId, status: 'visible' }, { status: 'pending', holdReason: 'reports' });
        if (held.affected) {
          await this.audit.record(tx, {
            actorId: null,
            action: 'comment_held',
            targetType: 'consultation',
            targetId: loaded.c.id,
            regionId: loaded.c.regionId,
            note: `意见 #${commentId} 被 ${count} 位居民举报，暂停显示，等待审核`,
          });
        }
      }
    });
    return this.one(commentId, user.id);
  }

  /** A comment residents can act on: visible or hidden, in a consultation whose comments are public (or staff). */
  private async publicComment(m: EntityManager, user: AuthUser, commentId: number): Promise<{ row: ConsultationComment; loaded: LoadedConsultation }> {
    const row = await m.getRepository(ConsultationComment).findOneBy({ id: commentId });
    if (!row || row.status === 'pending') throw AppError.notFound('意见');
    const loaded = await loadConsultation(m, row.consultationId);
    if (loaded.c.privateComments && !isConsultationStaff(user, loaded)) throw AppError.notFound('意见');
    return { row, loaded };
  }

  // ── moderation and replies ──

  /** approve (pending → visible), hide (pending/visible → hidden, with a reason), restore (hidden → visible). */
  async moderate(user: AuthUser, commentId: number, input: ModerateCommentInput): Promise<StaffCommentDto> {
    await inTransaction(this.db, async (tx) => {
      const row = await tx.getRepository(ConsultationComment).findOneBy({ id: commentId });
      if (!row) throw AppError.notFound('意见');
      const loaded = await loadConsultation(tx, row.consultationId);
      assertCovers(user, loaded.path, CONSULTATION_EDITORS);
      const from: Record<ModerateCommentInput['action'], CommentStatus[]> = { approve: ['pending'], hide: ['pending', 'visible'], restore: ['hidden'] };
      const allowed = from[input.action];
      if (!allowed.includes(row.status)) {
        const label = { pending: '待审核', visible: '已公开', hidden: '已隐藏' }[row.status];
        throw new AppError('INVALID_TRANSITION', `这条意见${label}，不能${{ approve: '审核通过', hide: '隐藏', restore: '恢复' }[input.action]}`);
      }
      const now = this.clock.now();
      const next: Partial<ConsultationComment> =
        input.action === 'hide'
          ? { status: 'hidden', hiddenReason: input.reason ?? '', holdReason: null }
          : { status: 'visible', hiddenReason: null, holdReason: null };
      const result = await tx
        .getRepository(ConsultationComment)
        .update({ id: commentId, status: row.status }, { ...next, moderatedBy: user.id, moderatedAt: now });
      if (!result.affected) throw new AppError('INVALID_TRANSITION', '这条意见刚被其他人处理过，请刷新后重试');
      await this.audit.record(tx, {
        actorId: user.id,
        action: input.action === 'approve' ? 'comment_approve' : input.action === 'hide' ? 'comment_hide' : 'comment_restore',
        targetType: 'consultation',
        targetId: loaded.c.id,
        regionId: loaded.c.regionId,
        note: `意见 #${commentId}${input.reason ? `：${input.reason}` : ''}`,
      });
    });
    return this.staffOne(user, commentId);
  }

  /** An official reply under a comment, by staff covering the consultation's region. */
  async reply(user: AuthUser, commentId: number, input: ReplyCommentInput): Promise<StaffCommentDto> {
    const words = this.checks.sensitiveWords(input.body);
    if (words.length) throw AppError.field('body', `含有不允许发布的词语：${words.join('、')}`);
    await inTransaction(this.db, async (tx) => {
      const row = await tx.getRepository(ConsultationComment).findOneBy({ id: commentId });
      if (!row) throw AppError.notFound('意见');
      const loaded = await loadConsultation(tx, row.consultationId);
      assertCovers(user, loaded.path, CONSULTATION_STAFF);
      const repo = tx.getRepository(ConsultationReply);
      await repo.save(repo.create({ commentId, authorId: user.id, body: input.body.trim(), createdAt: this.clock.now() }));
    });
    return this.staffOne(user, commentId);
  }

  async staffOne(user: AuthUser, commentId: number): Promise<StaffCommentDto> {
    const row = await this.db.getRepository(ConsultationComment).findOneBy({ id: commentId });
    if (!row) throw AppError.notFound('意见');
    const loaded = await loadConsultation(this.db.manager, row.consultationId);
    assertCovers(user, loaded.path, CONSULTATION_STAFF);
    return (await this.toStaffDtos([row], user.id))[0];
  }

  private async one(commentId: number, viewerId: number): Promise<CommentDto> {
    const row = await this.db.getRepository(ConsultationComment).findOneByOrFail({ id: commentId });
    return (await this.toDtos(this.db.manager, [row], viewerId))[0];
  }

  // ── DTOs ──

  async toDtos(m: EntityManager, rows: ConsultationComment[], viewerId: number | null): Promise<CommentDto[]> {
    const ctx = await this.context(m, rows, viewerId);
    return rows.map((r) => toCommentDto(r, ctx));
  }

  private async toStaffDtos(rows: ConsultationComment[], viewerId: number): Promise<StaffCommentDto[]> {
    const ctx = await this.context(this.db.manager, rows, viewerId);
    const consultations = await this.consultationsOf(rows);
    const workerIds = [...new Set(rows.map((r) => r.enteredBy).filter((x): x is number => x !== null))];
    const workers = new Map(
      workerIds.length ? (await this.db.getRepository(User).findBy({ id: In(workerIds) })).map((u) => [u.id, u.displayName]) : [],
    );
    return rows.map((r) => {
      const phone = r.proxyContactEnc ? this.cipher.decrypt(r.proxyContactEnc) : null;
      return toStaffCommentDto(r, ctx, {
        consultationTitle: consultations.get(r.consultationId)?.title ?? '',
        proxyResidentName: r.proxyNameEnc ? this.cipher.decrypt(r.proxyNameEnc) : null,
        // Contact numbers stay masked on screen; the full number is only in the database, encrypted.
        proxyResidentPhone: phone ? (/^1\d{10}$/.test(phone) ? maskPhone(phone) : phone.replace(/\d{4}$/, '****')) : null,
        enteredByName: r.enteredBy !== null ? (workers.get(r.enteredBy) ?? null) : null,
      });
    });
  }

  private async consultationsOf(rows: ConsultationComment[]): Promise<Map<number, Consultation>> {
    const ids = [...new Set(rows.map((r) => r.consultationId))];
    if (!ids.length) return new Map();
    return new Map((await this.db.getRepository(Consultation).findBy({ id: In(ids) })).map((c) => [c.id, c]));
  }

  private async context(m: EntityManager, rows: ConsultationComment[], viewerId: number | null): Promise<CommentContext> {
    const ids = rows.map((r) => r.id);
    const paragraphIds = [...new Set(rows.map((r) => r.paragraphId).filter((x): x is number => x !== null))];
    const ctx: CommentContext = { headings: new Map(), replies: new Map(), supported: new Set(), reported: new Set(), viewerId };
    if (!ids.length) return ctx;
    if (paragraphIds.length) {
      for (const p of await m.getRepository(ConsultationParagraph).findBy({ id: In(paragraphIds) })) ctx.headings.set(p.id, p.heading || `第 ${p.position} 段`);
    }
    const replies = await m.getRepository(ConsultationReply).find({ where: { commentId: In(ids) }, order: { id: 'ASC' } });
    if (replies.length) {
      const consultations = await this.consultationsOf(rows);
      const publisherOf = new Map(rows.map((r) => [r.id, consultations.get(r.consultationId)?.publisher ?? '工作人员']));
      for (const r of replies) {
        const list = ctx.replies.get(r.commentId) ?? [];
        list.push({ id: r.id, body: r.body, authorName: publisherOf.get(r.commentId) ?? '工作人员', createdAt: new Date(r.createdAt).toISOString() });
        ctx.replies.set(r.commentId, list);
      }
    }
    if (viewerId !== null) {
      const marks = ids.map(() => '?').join(', ');
      const sup: Array<{ id: number | string }> = await m.query(`SELECT comment_id AS id FROM consultation_support WHERE user_id = ? AND comment_id IN (${marks})`, [viewerId, ...ids]);
      const rep: Array<{ id: number | string }> = await m.query(`SELECT comment_id AS id FROM consultation_report WHERE user_id = ? AND comment_id IN (${marks})`, [viewerId, ...ids]);
      sup.forEach((r) => ctx.supported.add(Number(r.id)));
      rep.forEach((r) => ctx.reported.add(Number(r.id)));
    }
    return ctx;
  }
}

