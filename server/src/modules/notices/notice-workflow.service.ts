import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type ApproveNoticeInput,
  type CreateNoticeInput,
  noticeConsistencyIssues,
  type RejectNoticeInput,
  STAFF_ROLES,
  type StaffNoticeDetailDto,
  type UpdateNoticeInput,
  type WithdrawNoticeInput,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers, covers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import { contentDigest } from '../audit/audit-digest';
import { type AuditRecord, AuditService } from '../audit/audit.service';
import { OutboxWriter } from '../push/outbox-writer';
import { Region } from '../regions/region.entity';
import { applyInput, columnsOf, contentOf, emptyContent, type NoticeContent, type NoticeLinks, publicityEnded } from './notice-content';
import { NoticeLinksService } from './notice-links.service';
import { findNoticePersonalData } from './notice-personal-data';
import { assertStep } from './notice-transitions';
import { snapshotOf } from './notice-versions';
import { NoticeVersion } from './notice-version.entity';
import { NoticeWorkflowState } from './notice-workflow.entity';
import { Notice } from './notice.entity';
import { StaffNoticesService } from './staff-notices.service';
import { NoticeSearchIndexer } from './search/notice-search.indexer';

/** Staff who may draft and edit drafts in a region they cover. */
const WRITERS = STAFF_ROLES;
/** Staff who approve, reject, withdraw and correct published notices directly. */
export const REVIEWERS = ['reviewer', 'admin'] as const;

/** A notice locked for this transaction, with its region's path and its current links. */
interface Loaded {
  notice: Notice;
  path: string;
  links: NoticeLinks;
  state: NoticeWorkflowState | null;
}

/**
 * Writing and reviewing notices (先审后发): draft → pending_review → published → withdrawn | expired.
 * Every step runs in one transaction that also appends its row(s) to the publication register, so a
 * step and its record commit together. Corrections after publishing: a reviewer or admin covering the
 * region applies one directly (a new version; the old one stays readable); a grid worker's correction
 * waits as a revision that a reviewer approves or rejects like a submission.
 */
@Injectable()
export class NoticeWorkflowService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly links: NoticeLinksService,
    private readonly staffView: StaffNoticesService,
    // Push core (issue 4): the publish transaction also writes the residents' messages.
    private readonly outbox: OutboxWriter,
  ) {}

  /** A new draft in a region inside the author's scope. */
  async create(user: AuthUser, input: CreateNoticeInput): Promise<StaffNoticeDetailDto> {
    const content = applyInput({ ...emptyContent(), regionId: input.regionId }, input);
    const id = await inTransaction(this.db, async (tx) => {
      const path = await this.regionPath(tx, content.regionId);
      assertCovers(user, path, WRITERS);
      await this.checkInterpretation(tx, content.interpretationId, null);
      const repo = tx.getRepository(Notice);
      const saved = await repo.save(
        repo.create({ ...columnsOf(content), status: 'draft', authorId: user.id, reviewerId: null, publishedAt: null, version: 1 }),
      );
      await this.links.claim(tx, saved.id, user.id, pickLinks(input));
      const after = { ...content, ...(await this.currentLinks(tx, saved.id, input)) };
      await this.record(tx, user, saved, 'create', null, after);
      return saved.id;
    });
    return this.staffView.detail(user, id);
  }

  /**
   * Changes a draft, or corrects a published notice: directly for a reviewer/admin covering its
   * region (new version), as a revision waiting for review for a grid worker.
   */
  async update(user: AuthUser, id: number, input: UpdateNoticeInput): Promise<StaffNoticeDetailDto> {
    await inTransaction(this.db, async (tx) => {
      const { notice, path, links, state } = await this.load(tx, id);
      assertCovers(user, path, WRITERS);
      if (notice.status === 'published' && publicityEnded(notice)) throw new AppError('INVALID_TRANSITION', '公示期已满，公告不能再修改');
      assertStep('edit', notice.status);
      const before = contentOf(notice, links);
      const next = this.validated(applyInput(before, input));
      const reviewer = covers(user, path, REVIEWERS);
      if (next.regionId !== before.regionId) {
        assertCovers(user, await this.regionPath(tx, next.regionId), notice.status === 'published' && reviewer ? REVIEWERS : WRITERS);
      }
      if (next.interpretationId !== before.interpretationId) await this.checkInterpretation(tx, next.interpretationId, notice.id);

      if (notice.status === 'draft') {
        await this.writeContent(tx, notice, 'draft', next, {});
        await this.links.claim(tx, notice.id, user.id, pickLinks(input));
        await this.record(tx, user, notice, 'edit', before, { ...next, ...(await this.currentLinks(tx, notice.id, input)) }, undefined, next.regionId);
        return;
      }
      this.assertNoPersonalData(next);
      if (reviewer) {
        await this.applyCorrection(tx, user, { notice, path, links, state }, before, next, input, user.id);
        return;
      }
      // A grid worker's correction: kept aside until a reviewer approves it; the notice stays as published.
      const changes = { ...parseRevision(state), ...cleanChanges(input, next) };
      const proposed = this.validated(applyInput(before, changes));
      this.assertNoPersonalData(proposed);
      await this.saveState(tx, notice.id, state, { revision: JSON.stringify(changes), revisionAuthorId: user.id, revisionAt: new Date() });
      await this.record(tx, user, notice, 'edit', before, proposed, '提交更正，等待审核');
    });
    return this.staffView.detail(user, id);
  }

  /** The author sends a draft for review; refused while the text holds an unmasked ID or mobile number. */
  async submit(user: AuthUser, id: number): Promise<StaffNoticeDetailDto> {
    await inTransaction(this.db, async (tx) => {
      const { notice, path, links, state } = await this.load(tx, id);
      assertCovers(user, path, WRITERS);
      if (notice.authorId !== user.id) throw AppError.forbidden('只有作者本人可以提交审核');
      assertStep('submit', notice.status);
      const content = contentOf(notice, links);
      this.validated(content);
      if (publicityEnded(notice)) throw AppError.field('publicityEndsAt', '公示结束时间已过，请修改公示期后再提交');
      this.assertNoPersonalData(content);
      await this.setStatus(tx, notice, 'draft', { status: 'pending_review' });
      if (state?.rejectionReason) await this.saveState(tx, notice.id, state, { rejectionReason: null });
      await this.record(tx, user, notice, 'submit', content, content);
    });
    return this.staffView.detail(user, id);
  }

  /**
   * A reviewer or admin covering the region — never the author — publishes a submitted notice, or
   * applies a grid worker's pending correction, having done the confidentiality check (保密审查).
   */
  async approve(user: AuthUser, id: number, input: ApproveNoticeInput): Promise<StaffNoticeDetailDto> {
    await inTransaction(this.db, async (tx) => {
      const loaded = await this.load(tx, id);
      const { notice, path, links, state } = loaded;
      assertCovers(user, path, REVIEWERS);
      const revision = parseRevision(state);
      assertStep('approve', notice.status, !!revision);
      const note = input.note ? `已完成保密审查。${input.note}` : '已完成保密审查';

      if (notice.status === 'pending_review') {
        if (notice.authorId === user.id) throw AppError.forbidden('不能审核自己撰写的公告（先审后发）');
        if (publicityEnded(notice)) throw AppError.field('publicityEndsAt', '公示结束时间已过，请退回作者修改公示期');
        const content = contentOf(notice, links);
        const now = new Date();
        await this.setStatus(tx, notice, 'pending_review', { status: 'published', publishedAt: now, reviewerId: user.id });
        await tx
          .getRepository(NoticeVersion)
          .insert({ noticeId: notice.id, version: notice.version, snapshot: snapshotOf(content), authorId: notice.authorId, createdAt: now });
        await this.record(tx, user, notice, 'approve', content, content, note);
        await this.record(tx, user, notice, 'publish', content, content);
        await this.reindex(tx, notice.id);
        // Push core (issue 4): one outbox row and one message-centre item per targeted resident, in
        // this transaction (a failed publish writes none). Corrections (below) do not notify again.
        await this.outbox.enqueueForNotice(tx, { ...notice, status: 'published', publishedAt: now, reviewerId: user.id });
        return;
      }
      // A grid worker's correction of a published notice.
      if (state?.revisionAuthorId === user.id) throw AppError.forbidden('不能审核自己提交的更正（先审后发）');
      if (publicityEnded(notice)) throw new AppError('INVALID_TRANSITION', '公示期已满，更正不能再发布');
      const before = contentOf(notice, links);
      const next = this.validated(applyInput(before, revision!));
      if (next.regionId !== before.regionId) assertCovers(user, await this.regionPath(tx, next.regionId), REVIEWERS);
      if (next.interpretationId !== before.interpretationId) await this.checkInterpretation(tx, next.interpretationId, notice.id);
      this.assertNoPersonalData(next);
      await this.record(tx, user, notice, 'approve', before, next, note);
      await this.applyCorrection(tx, user, loaded, before, next, revision!, state!.revisionAuthorId ?? user.id);
    });
    return this.staffView.detail(user, id);
  }

  /** Back to the author with a reason they will read: a submission returns to draft, a pending correction is dropped. */
  async reject(user: AuthUser, id: number, input: RejectNoticeInput): Promise<StaffNoticeDetailDto> {
    await inTransaction(this.db, async (tx) => {
      const { notice, path, links, state } = await this.load(tx, id);
      assertCovers(user, path, REVIEWERS);
      const revision = parseRevision(state);
      assertStep('reject', notice.status, !!revision);
      const content = contentOf(notice, links);
      if (notice.status === 'pending_review') {
        if (notice.authorId === user.id) throw AppError.forbidden('不能审核自己撰写的公告（先审后发）');
        await this.setStatus(tx, notice, 'pending_review', { status: 'draft' });
        await this.saveState(tx, notice.id, state, { rejectionReason: input.reason });
        await this.record(tx, user, notice, 'reject', content, content, input.reason);
        return;
      }
      if (state?.revisionAuthorId === user.id) throw AppError.forbidden('不能审核自己提交的更正（先审后发）');
      const proposed = applyInput(content, revision!);
      await this.saveState(tx, notice.id, state, { rejectionReason: input.reason, revision: null, revisionAuthorId: null, revisionAt: null });
      await this.record(tx, user, notice, 'reject', proposed, content, `退回更正：${input.reason}`);
    });
    return this.staffView.detail(user, id);
  }

  /** Takes a published notice down, with the reason (staff see it; residents no longer see the notice). */
  async withdraw(user: AuthUser, id: number, input: WithdrawNoticeInput): Promise<StaffNoticeDetailDto> {
    await inTransaction(this.db, async (tx) => {
      const { notice, path, links, state } = await this.load(tx, id);
      assertCovers(user, path, REVIEWERS);
      assertStep('withdraw', notice.status);
      const content = contentOf(notice, links);
      await this.setStatus(tx, notice, 'published', { status: 'withdrawn' });
      await this.saveState(tx, notice.id, state, { withdrawalReason: input.reason, revision: null, revisionAuthorId: null, revisionAt: null });
      await this.record(tx, user, notice, 'withdraw', content, content, input.reason);
      await NoticeSearchIndexer.remove(tx, notice.id);
    });
    return this.staffView.detail(user, id);
  }

  // ── steps shared by the routes ──

  /**
   * A published notice gets new content as the next version: the current version's snapshot is kept
   * (written now if it predates version rows), the new one is added, and the register gets `correct`.
   */
  private async applyCorrection(
    tx: EntityManager,
    user: AuthUser,
    { notice, state }: Loaded,
    before: NoticeContent,
    next: NoticeContent,
    input: UpdateNoticeInput,
    authorId: number,
  ): Promise<void> {
    const versions = tx.getRepository(NoticeVersion);
    if (!(await versions.existsBy({ noticeId: notice.id, version: notice.version }))) {
      await versions.insert({
        noticeId: notice.id,
        version: notice.version,
        snapshot: snapshotOf(before),
        authorId: notice.authorId,
        createdAt: notice.publishedAt ?? new Date(),
      });
    }
    const version = notice.version + 1;
    await this.writeContent(tx, notice, 'published', next, { version });
    await this.links.claim(tx, notice.id, authorId, pickLinks(input));
    const after = { ...next, ...(await this.currentLinks(tx, notice.id, input)) };
    await versions.insert({ noticeId: notice.id, version, snapshot: snapshotOf(after), authorId, createdAt: new Date() });
    if (state?.revision) await this.saveState(tx, notice.id, state, { revision: null, revisionAuthorId: null, revisionAt: null, rejectionReason: null });
    await this.record(tx, user, notice, 'correct', before, after, `更正为第 ${version} 版`, next.regionId);
    await this.reindex(tx, notice.id);
  }

  /** Search finds what residents read: the index follows a notice's published text in the same transaction. */
  private async reindex(tx: EntityManager, id: number): Promise<void> {
    await NoticeSearchIndexer.index(tx, await tx.getRepository(Notice).findOneByOrFail({ id }));
  }

  private async load(tx: EntityManager, id: number): Promise<Loaded> {
    const mysql = tx.connection.options.type === 'mysql';
    const notice = await tx.getRepository(Notice).findOne({ where: { id }, ...(mysql ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!notice) throw AppError.notFound('公告');
    const [path, links, state] = await Promise.all([
      this.regionPath(tx, notice.regionId),
      this.links.linksOf([notice.id]).then((m) => m.get(notice.id)!),
      tx.getRepository(NoticeWorkflowState).findOneBy({ noticeId: notice.id }),
    ]);
    return { notice, path, links, state };
  }

  private async regionPath(tx: EntityManager, regionId: number): Promise<string> {
    const region = await tx.getRepository(Region).findOne({ select: { id: true, path: true }, where: { id: regionId } });
    if (!region) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: 'regionId', reason: `区域 ${regionId} 不存在` }]);
    return region.path;
  }

  /** 400 naming every field that breaks a rule between fields (公示 period, guide, validity). */
  private validated(content: NoticeContent): NoticeContent {
    const issues = noticeConsistencyIssues(content);
    if (issues.length) throw new AppError('VALIDATION_FAILED', undefined, issues);
    return content;
  }

  private assertNoPersonalData(content: NoticeContent): void {
    const found = findNoticePersonalData(content);
    if (found.length) throw new AppError('PERSONAL_DATA_FOUND', undefined, found);
  }

  /** The linked 政策解读 must exist, be one, and not be withdrawn. */
  private async checkInterpretation(tx: EntityManager, interpretationId: number | null, selfId: number | null): Promise<void> {
    if (interpretationId === null) return;
    if (interpretationId === selfId) throw AppError.field('interpretationId', '公告不能是它自己的解读');
    const target = await tx.getRepository(Notice).findOne({ select: { id: true, kind: true, status: true }, where: { id: interpretationId } });
    if (!target) throw AppError.field('interpretationId', `公告 ${interpretationId} 不存在`);
    if (target.kind !== 'policy_interpretation') throw AppError.field('interpretationId', '关联的解读必须是“政策解读”类公告');
    if (target.status === 'withdrawn') throw AppError.field('interpretationId', '该政策解读已撤回');
  }

  /** Writes content columns while the notice is still in `expected` status (409 if it changed meanwhile). */
  private async writeContent(tx: EntityManager, notice: Notice, expected: Notice['status'], content: NoticeContent, extra: Partial<Notice>): Promise<void> {
    const result = await tx
      .getRepository(Notice)
      .update({ id: notice.id, status: expected, version: notice.version }, { ...columnsOf(content), ...extra, updatedAt: new Date() });
    if (!result.affected) throw new AppError('INVALID_TRANSITION', '公告刚被其他人修改，请刷新后重试');
  }

  private async setStatus(tx: EntityManager, notice: Notice, expected: Notice['status'], values: Partial<Notice>): Promise<void> {
    const result = await tx.getRepository(Notice).update({ id: notice.id, status: expected }, { ...values, updatedAt: new Date() });
    if (!result.affected) throw new AppError('INVALID_TRANSITION', '公告状态刚被其他人改变，请刷新后重试');
  }

  private async saveState(tx: EntityManager, noticeId: number, state: NoticeWorkflowState | null, values: Partial<NoticeWorkflowState>): Promise<void> {
    const repo = tx.getRepository(NoticeWorkflowState);
    const now = new Date();
    if (state) {
      await repo.update({ noticeId }, { ...values, updatedAt: now });
      Object.assign(state, values);
      return;
    }
    await repo.insert({
      noticeId,
      rejectionReason: null,
      withdrawalReason: null,
      revision: null,
      revisionAuthorId: null,
      revisionAt: null,
      ...values,
      updatedAt: now,
    });
  }

  /** The links after a claim: as given in the input, else as stored. */
  private async currentLinks(_tx: EntityManager, noticeId: number, input: Partial<NoticeLinks>): Promise<NoticeLinks> {
    const stored = (await this.links.linksOf([noticeId])).get(noticeId)!;
    return {
      attachmentIds: input.attachmentIds ? [...new Set(input.attachmentIds)].sort((a, b) => a - b) : stored.attachmentIds,
      tableId: input.tableId !== undefined ? input.tableId : stored.tableId,
    };
  }

  private record(
    tx: EntityManager,
    user: AuthUser,
    notice: Notice,
    action: AuditRecord['action'],
    before: NoticeContent | null,
    after: NoticeContent | null,
    note?: string,
    regionId = notice.regionId,
  ): Promise<void> {
    return this.audit.record(tx, {
      actorId: user.id,
      action,
      targetType: 'notice',
      targetId: notice.id,
      regionId,
      digestBefore: before ? contentDigest(before) : null,
      digestAfter: after ? contentDigest(after) : null,
      note: note ?? null,
    });
  }
}

function pickLinks(input: Partial<NoticeLinks>): Partial<NoticeLinks> {
  const out: Partial<NoticeLinks> = {};
  if (input.attachmentIds !== undefined) out.attachmentIds = input.attachmentIds;
  if (input.tableId !== undefined) out.tableId = input.tableId;
  return out;
}

/** The pending correction's fields, or null. */
export function parseRevision(state: NoticeWorkflowState | null): UpdateNoticeInput | null {
  if (!state?.revision) return null;
  try {
    const v = JSON.parse(state.revision) as UpdateNoticeInput;
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

/** The PATCH fields as they will be stored in a revision: the body already sanitised. */
function cleanChanges(input: UpdateNoticeInput, next: NoticeContent): UpdateNoticeInput {
  const changes: UpdateNoticeInput = { ...input };
  if (input.body !== undefined) changes.body = next.body;
  return changes;
}
