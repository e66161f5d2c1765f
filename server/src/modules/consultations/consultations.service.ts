import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import {
  type ConsultationAttachmentDto,
  type ConsultationCardDto,
  type ConsultationDetailDto,
  type ConsultationListQuery,
  type CreateConsultationInput,
  type DraftParagraph,
  type Page,
  splitDraft,
  type StaffConsultationCardDto,
  type UpdateConsultationInput,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers, scopePaths } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { WorkingCalendar } from '../calendar/working-calendar';
import { Attachment } from '../uploads/attachment.entity';
import { toAttachmentDto } from '../uploads/attachment.mapper';
import {
  cannotComment,
  CONSULTATION_EDITORS,
  CONSULTATION_STAFF,
  homePath,
  isConsultationStaff,
  loadConsultation,
} from './consultation-access';
import { Consultation, ConsultationParagraph } from './consultation.entity';
import { toCardDto } from './consultation.mapper';
import { periodIssue, statusOf } from './consultation-rules';

/** How far in the past a new consultation may say it opened (a form filled in "now"). */
const OPEN_GRACE_MS = 10 * 60_000;
/** Consultations looked at per list request (sorted by status in memory, then paged). */
const LIST_WINDOW = 500;

const STATUS_ORDER = { open: 0, upcoming: 1, closed: 2, concluded: 3 } as const;

const decodeOffset = (cursor: string | undefined): number => {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(n) || n < 0) throw AppError.field('cursor', '游标无效');
  return n;
};
const encodeOffset = (n: number) => Buffer.from(String(n)).toString('base64url');

/** Consultations: writing (reviewers/admins), lists, the detail residents read, and following one. */
@Injectable()
export class ConsultationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, input: CreateConsultationInput): Promise<ConsultationDetailDto> {
    const opensAt = new Date(input.opensAt);
    const closesAt = new Date(input.closesAt);
    if (opensAt.getTime() < this.clock.now().getTime() - OPEN_GRACE_MS) throw AppError.field('opensAt', '开始时间不能早于现在');
    await this.assertPeriod(input.type, opensAt, closesAt);
    const paragraphs = this.paragraphsOf(input);
    const id = await inTransaction(this.db, async (tx) => {
      const region: Array<{ path: string }> = await tx.query('SELECT path FROM region WHERE id = ?', [input.regionId]);
      if (!region.length) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: 'regionId', reason: `区域 ${input.regionId} 不存在` }]);
      assertCovers(user, region[0].path, CONSULTATION_EDITORS);
      const now = this.clock.now();
      const repo = tx.getRepository(Consultation);
      const saved = await repo.save(
        repo.create({
          title: input.title,
          summary: input.summary,
          basis: input.basis,
          publisher: input.publisher,
          contact: input.contact,
          type: input.type,
          domain: input.domain,
          regionId: input.regionId,
          opensAt,
          closesAt,
          openToAll: input.openToAll ?? false,
          preModeration: input.preModeration ?? false,
          privateComments: input.privateComments ?? false,
          resultNoticeId: null,
          concludedAt: null,
          changeSummary: null,
          remindedAt: null,
          createdBy: user.id,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.writeParagraphs(tx, saved.id, paragraphs);
      await this.attach(tx, user, saved.id, input.attachmentIds ?? []);
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'consult_create',
        targetType: 'consultation',
        targetId: saved.id,
        regionId: saved.regionId,
        note: `${paragraphs.length} 条`,
      });
      return saved.id;
    });
    return this.detail(user, id);
  }

  /** Changes before it opens (paragraphs included); refused once it has opened. */
  async update(user: AuthUser, id: number, input: UpdateConsultationInput): Promise<ConsultationDetailDto> {
    await inTransaction(this.db, async (tx) => {
      const { c, path } = await loadConsultation(tx, id, true);
      assertCovers(user, path, CONSULTATION_EDITORS);
      if (statusOf(c, this.clock.now()) !== 'upcoming') throw new AppError('INVALID_TRANSITION', '征求意见已经开始，不能再修改草案和时间');
      const next: Partial<Consultation> = {};
      for (const k of ['title', 'summary', 'basis', 'publisher', 'contact', 'type', 'domain', 'openToAll', 'preModeration', 'privateComments'] as const) {
        if (input[k] !== undefined) (next as Record<string, unknown>)[k] = input[k];
      }
      if (input.opensAt !== undefined) next.opensAt = new Date(input.opensAt);
      if (input.closesAt !== undefined) next.closesAt = new Date(input.closesAt);
      const opensAt = next.opensAt ?? c.opensAt;
      const closesAt = next.closesAt ?? c.closesAt;
      if (closesAt.getTime() <= opensAt.getTime()) throw AppError.field('closesAt', '截止时间必须晚于开始时间');
      if (next.opensAt && opensAt.getTime() < this.clock.now().getTime() - OPEN_GRACE_MS) throw AppError.field('opensAt', '开始时间不能早于现在');
      await this.assertPeriod(next.type ?? c.type, opensAt, closesAt);
      await tx.getRepository(Consultation).update({ id }, { ...next, updatedAt: this.clock.now() });
      if (input.paragraphs || input.draftText) {
        await tx.getRepository(ConsultationParagraph).delete({ consultationId: id });
        await this.writeParagraphs(tx, id, this.paragraphsOf(input));
      }
      if (input.attachmentIds) {
        await tx.query('DELETE FROM consultation_attachment WHERE consultation_id = ?', [id]);
        await this.attach(tx, user, id, input.attachmentIds);
      }
      await this.audit.record(tx, { actorId: user.id, action: 'consult_edit', targetType: 'consultation', targetId: id, regionId: c.regionId });
    });
    return this.detail(user, id);
  }

  /**
   * Consultations for residents: those of the region asked for (default: the caller's home region)
   * and of the regions above it; without a region, all. Open ones first (closing soonest first), then
   * upcoming, then closed and concluded (latest first).
   */
  async list(user: AuthUser | undefined, query: ConsultationListQuery): Promise<Page<ConsultationCardDto>> {
    const regionId = query.regionId ?? user?.homeRegionId ?? null;
    let regionIds: number[] | null = null;
    if (regionId !== null) {
      const rows: Array<{ path: string }> = await this.db.query('SELECT path FROM region WHERE id = ?', [regionId]);
      if (!rows.length) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: 'regionId', reason: `区域 ${regionId} 不存在` }]);
      regionIds = rows[0].path.split('/').filter(Boolean).map(Number);
    }
    const found = await this.db.getRepository(Consultation).find({
      where: regionIds ? { regionId: In(regionIds) } : {},
      order: { closesAt: 'DESC' },
      take: LIST_WINDOW,
    });
    const now = this.clock.now();
    const sorted = found
      .map((c) => ({ c, status: statusOf(c, now) }))
      .sort((a, b) => {
        if (a.status !== b.status) return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
        const by =
          a.status === 'open'
            ? a.c.closesAt.getTime() - b.c.closesAt.getTime()
            : a.status === 'upcoming'
              ? a.c.opensAt.getTime() - b.c.opensAt.getTime()
              : b.c.closesAt.getTime() - a.c.closesAt.getTime();
        return by || a.c.id - b.c.id;
      });
    const offset = decodeOffset(query.cursor);
    const page = sorted.slice(offset, offset + query.limit).map((x) => x.c);
    const [names, counts] = await Promise.all([this.regionNames(page), this.publicCounts(page.map((c) => c.id))]);
    return {
      items: page.map((c) => toCardDto(c, names.get(c.regionId) ?? '', counts.get(c.id) ?? 0, now)),
      nextCursor: offset + query.limit < sorted.length ? encodeOffset(offset + query.limit) : null,
    };
  }

  /** Consultations in the caller's scope with what waits for staff (pending comments, unanswered ones). */
  async staffList(user: AuthUser, query: { cursor?: string; limit: number }): Promise<Page<StaffConsultationCardDto>> {
    const paths = scopePaths(user, CONSULTATION_STAFF);
    const params: unknown[] = [];
    let where = '1 = 1';
    if (!paths.includes(null)) {
      where = paths.map(() => 'r.path LIKE ?').join(' OR ');
      params.push(...paths.map((p) => `${p}%`));
    }
    const offset = decodeOffset(query.cursor);
    const rows: Array<{ id: number | string }> = await this.db.query(
      `SELECT c.id AS id FROM consultation c JOIN region r ON r.id = c.region_id WHERE ${where} ORDER BY c.closes_at DESC, c.id DESC LIMIT ${query.limit + 1} OFFSET ${offset}`,
      params,
    );
    const ids = rows.slice(0, query.limit).map((r) => Number(r.id));
    const list = ids.length ? await this.db.getRepository(Consultation).findBy({ id: In(ids) }) : [];
    const byId = new Map(list.map((c) => [c.id, c]));
    const page = ids.map((id) => byId.get(id)!).filter(Boolean);
    const now = this.clock.now();
    const [names, counts, waiting] = await Promise.all([this.regionNames(page), this.publicCounts(ids), this.waitingCounts(ids)]);
    return {
      items: page.map((c) => ({
        ...toCardDto(c, names.get(c.regionId) ?? '', counts.get(c.id) ?? 0, now),
        pendingCount: waiting.get(c.id)?.pending ?? 0,
        unansweredCount: waiting.get(c.id)?.unanswered ?? 0,
      })),
      nextCursor: rows.length > query.limit ? encodeOffset(offset + query.limit) : null,
    };
  }

  async detail(user: AuthUser | undefined, id: number): Promise<ConsultationDetailDto> {
    const loaded = await loadConsultation(this.db.manager, id);
    const { c, regionName } = loaded;
    const now = this.clock.now();
    const paragraphs = await this.db.getRepository(ConsultationParagraph).find({ where: { consultationId: id }, order: { position: 'ASC' } });
    const perParagraph: Array<{ pid: number | string | null; n: number | string }> = await this.db.query(
      `SELECT paragraph_id AS pid, COUNT(*) AS n FROM consultation_comment WHERE consultation_id = ? AND status IN ('visible', 'hidden') GROUP BY paragraph_id`,
      [id],
    );
    const counts = new Map(perParagraph.map((r) => [r.pid === null ? null : Number(r.pid), Number(r.n)]));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const attachmentIds: Array<{ id: number | string }> = await this.db.query(
      'SELECT attachment_id AS id FROM consultation_attachment WHERE consultation_id = ? ORDER BY attachment_id',
      [id],
    );
    const attachments: ConsultationAttachmentDto[] = attachmentIds.length
      ? (await this.db.getRepository(Attachment).find({ where: { id: In(attachmentIds.map((a) => Number(a.id))) }, order: { id: 'ASC' } })).map(toAttachmentDto)
      : [];
    const following = user ? (await this.db.query('SELECT 1 AS x FROM consultation_follow WHERE consultation_id = ? AND user_id = ?', [id, user.id])).length > 0 : false;
    const reason = cannotComment(user, loaded, await homePath(this.db.manager, user), now);
    return {
      ...toCardDto(c, regionName, total, now),
      summary: c.summary,
      basis: c.basis,
      publisher: c.publisher,
      contact: c.contact,
      domain: c.domain,
      openToAll: !!c.openToAll,
      preModeration: !!c.preModeration,
      privateComments: !!c.privateComments,
      paragraphs: paragraphs.map((p) => ({ id: p.id, position: p.position, heading: p.heading, body: p.body, commentCount: counts.get(p.id) ?? 0 })),
      generalCommentCount: counts.get(null) ?? 0,
      attachments,
      resultNoticeId: c.resultNoticeId,
      concludedAt: c.concludedAt ? new Date(c.concludedAt).toISOString() : null,
      changeSummary: c.changeSummary,
      canComment: reason === null,
      cannotCommentReason: reason,
      following,
      staff: isConsultationStaff(user, loaded),
    };
  }

  /** Follow: a reminder 24 hours before it closes (consultation_closing). */
  async follow(user: AuthUser, id: number, on: boolean): Promise<ConsultationDetailDto> {
    const { c } = await loadConsultation(this.db.manager, id);
    if (on) {
      const status = statusOf(c, this.clock.now());
      if (status !== 'upcoming' && status !== 'open') throw new AppError('CONSULTATION_NOT_OPEN', '征求意见已截止，不需要再提醒');
      await inTransaction(this.db, async (tx) => {
        const done = await tx.query('SELECT 1 AS x FROM consultation_follow WHERE consultation_id = ? AND user_id = ?', [id, user.id]);
        if (!done.length) await tx.query('INSERT INTO consultation_follow (consultation_id, user_id) VALUES (?, ?)', [id, user.id]);
      });
    } else {
      await this.db.query('DELETE FROM consultation_follow WHERE consultation_id = ? AND user_id = ?', [id, user.id]);
    }
    return this.detail(user, id);
  }

  // ── helpers ──

  private async assertPeriod(type: Consultation['type'], opensAt: Date, closesAt: Date): Promise<void> {
    const cal = await this.calendar.fresh();
    const issue = periodIssue(type, opensAt, closesAt, cal);
    if (issue) throw AppError.field('closesAt', issue);
  }

  private paragraphsOf(input: { paragraphs?: Array<{ heading?: string; body: string }>; draftText?: string }): DraftParagraph[] {
    if (input.paragraphs) return input.paragraphs.map((p) => ({ heading: (p.heading ?? '').trim(), body: p.body.trim() }));
    const split = splitDraft(input.draftText ?? '');
    if (!split.length) throw AppError.field('draftText', '草案全文没有可用的文字');
    if (split.length > 300) throw AppError.field('draftText', `草案分成了 ${split.length} 条，最多 300 条`);
    if (split.some((p) => [...p.heading].length > 20)) throw AppError.field('draftText', '有条款编号超过 20 个字');
    return split;
  }

  private async writeParagraphs(tx: EntityManager, consultationId: number, paragraphs: DraftParagraph[]): Promise<void> {
    const repo = tx.getRepository(ConsultationParagraph);
    await repo.insert(paragraphs.map((p, i) => ({ consultationId, position: i + 1, heading: p.heading, body: p.body })));
  }

  /** Uploads of the caller not attached to a notice. */
  private async attach(tx: EntityManager, user: AuthUser, consultationId: number, ids: number[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (!unique.length) return;
    const rows: Array<{ id: number | string; owner_id: number | string; notice_id: number | string | null }> = await tx.query(
      `SELECT id, owner_id, notice_id FROM attachment WHERE id IN (${unique.map(() => '?').join(', ')})`,
      unique,
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    unique.forEach((aid) => {
      const r = byId.get(aid);
      const index = ids.indexOf(aid);
      if (!r) throw AppError.field(`attachmentIds.${index}`, `附件 ${aid} 不存在`);
      if (Number(r.owner_id) !== user.id) throw AppError.field(`attachmentIds.${index}`, `附件 ${aid} 不是您上传的`);
      if (r.notice_id !== null) throw AppError.field(`attachmentIds.${index}`, `附件 ${aid} 已属于一条公告`);
    });
    for (const aid of unique) await tx.query('INSERT INTO consultation_attachment (consultation_id, attachment_id) VALUES (?, ?)', [consultationId, aid]);
  }

  private async regionNames(list: Consultation[]): Promise<Map<number, string>> {
    const ids = [...new Set(list.map((c) => c.regionId))];
    if (!ids.length) return new Map();
    const rows: Array<{ id: number | string; name: string }> = await this.db.query(`SELECT id, name FROM region WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    return new Map(rows.map((r) => [Number(r.id), r.name]));
  }

  /** Comments residents see (visible and hidden placeholders) per consultation. */
  private async publicCounts(ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: number | string; n: number | string }> = await this.db.query(
      `SELECT consultation_id AS id, COUNT(*) AS n FROM consultation_comment WHERE consultation_id IN (${ids.map(() => '?').join(', ')}) AND status IN ('visible', 'hidden') GROUP BY consultation_id`,
      ids,
    );
    return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
  }

  private async waitingCounts(ids: number[]): Promise<Map<number, { pending: number; unanswered: number }>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: number | string; pending: number | string; unanswered: number | string }> = await this.db.query(
      `SELECT consultation_id AS id,
              SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
              SUM(CASE WHEN status <> 'hidden' AND adoption IS NULL THEN 1 ELSE 0 END) AS unanswered
         FROM consultation_comment WHERE consultation_id IN (${ids.map(() => '?').join(', ')}) GROUP BY consultation_id`,
      ids,
    );
    return new Map(rows.map((r) => [Number(r.id), { pending: Number(r.pending), unanswered: Number(r.unanswered) }]));
  }
}
