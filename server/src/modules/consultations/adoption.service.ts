import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import {
  ADOPTION_LABELS,
  type Adoption,
  type AnswerCommentsInput,
  COMMENT_STATUS_LABELS,
  type ConcludeConsultationInput,
  type ConsultationCountsDto,
  type ConsultationDetailDto,
  CONSULTATION_TYPE_LABELS,
  type StaffCommentDto,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import { contentDigest } from '../audit/audit-digest';
import { AuditService } from '../audit/audit.service';
import { contentOf } from '../notices/notice-content';
import { escapeHtml, sanitizeNoticeHtml } from '../notices/notice-html';
import { snapshotOf } from '../notices/notice-versions';
import { NoticeVersion } from '../notices/notice-version.entity';
import { Notice } from '../notices/notice.entity';
import { NoticeSearchIndexer } from '../notices/search/notice-search.indexer';
import { OutboxWriter } from '../push/outbox-writer';
import { CommentsService } from './comments.service';
import { CONSULTATION_EDITORS, CONSULTATION_STAFF, type LoadedConsultation, loadConsultation } from './consultation-access';
import { Consultation, ConsultationComment, ConsultationParagraph } from './consultation.entity';
import { statusOf } from './consultation-rules';
import { ConsultationsService } from './consultations.service';

const beijing = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

/** The one word the result message shows per resident (a phrase: ≤ 5 Chinese characters). */
function adoptionPhrase(adoptions: Adoption[]): string {
  const set = new Set(adoptions);
  if (set.size === 1) return { adopted: '已采纳', partly: '部分采纳', not_adopted: '未采纳' }[adoptions[0]];
  if (set.has('adopted') || set.has('partly')) return '部分采纳';
  return '未采纳';
}

/**
 * After a consultation closes: staff answer every comment (adopted / partly / not adopted + why), then
 * a reviewer concludes it — the adoption report is published as a 征求意见结果 notice and every
 * commenter gets a message (WeChat + message centre) saying how their comments were used. Also the
 * xlsx export of comments, answers and counts.
 */
@Injectable()
export class AdoptionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outbox: OutboxWriter,
    private readonly consultations: ConsultationsService,
    private readonly comments: CommentsService,
  ) {}

  /** Answers for comments of this consultation, all or nothing; only between closing and concluding. */
  async answer(user: AuthUser, id: number, input: AnswerCommentsInput): Promise<StaffCommentDto[]> {
    const ids = input.answers.map((a) => a.commentId);
    await inTransaction(this.db, async (tx) => {
      const loaded = await loadConsultation(tx, id, true);
      assertCovers(user, loaded.path, CONSULTATION_STAFF);
      const status = statusOf(loaded.c, this.clock.now());
      if (status === 'concluded') throw new AppError('INVALID_TRANSITION', '采纳情况已经公布，不能再修改答复');
      if (status !== 'closed') throw new AppError('CONSULTATION_NOT_OPEN', '征求意见截止后才能答复采纳情况');
      const rows = await tx.getRepository(ConsultationComment).find({ select: { id: true, consultationId: true }, where: { id: In(ids) } });
      const belongs = new Set(rows.filter((r) => r.consultationId === id).map((r) => r.id));
      const issues = input.answers
        .map((a, i) => (belongs.has(a.commentId) ? null : { path: `answers.${i}.commentId`, reason: `意见 ${a.commentId} 不属于这次征求意见` }))
        .filter((x): x is { path: string; reason: string } => x !== null);
      if (issues.length) throw new AppError('VALIDATION_FAILED', undefined, issues);
      const now = this.clock.now();
      for (const a of input.answers) {
        await tx
          .getRepository(ConsultationComment)
          .update({ id: a.commentId, consultationId: id }, { adoption: a.adoption, adoptionReason: a.reason.trim(), answeredBy: user.id, answeredAt: now });
      }
      await this.audit.record(
        tx,
        input.answers.map((a) => ({
          actorId: user.id,
          action: 'comment_answer' as const,
          targetType: 'consultation' as const,
          targetId: id,
          regionId: loaded.c.regionId,
          note: `意见 #${a.commentId}：${ADOPTION_LABELS[a.adoption]}`,
        })),
      );
    });
    return Promise.all(ids.map((cid) => this.comments.staffOne(user, cid)));
  }

  /**
   * Publishes the adoption report: every comment not hidden must be moderated and answered. In one
   * transaction: the 征求意见结果 notice (published, with its version and register rows, searchable),
   * the consultation marked concluded and linked to it, and one message per commenter.
   */
  async conclude(user: AuthUser, id: number, input: ConcludeConsultationInput): Promise<ConsultationDetailDto> {
    await inTransaction(this.db, async (tx) => {
      const loaded = await loadConsultation(tx, id, true);
      const { c } = loaded;
      assertCovers(user, loaded.path, CONSULTATION_EDITORS);
      const status = statusOf(c, this.clock.now());
      if (status === 'concluded') throw new AppError('INVALID_TRANSITION', '采纳情况已经公布过了');
      if (status !== 'closed') throw new AppError('CONSULTATION_NOT_OPEN', '征求意见截止后才能公布采纳情况');
      const comments = await tx.getRepository(ConsultationComment).find({ where: { consultationId: id }, order: { id: 'ASC' } });
      const pending = comments.filter((x) => x.status === 'pending');
      if (pending.length) {
        throw new AppError('CONFLICT', `还有 ${pending.length} 条意见待审核，请先审核`, pending.map((x) => ({ path: `comments.${x.id}`, reason: '待审核' })));
      }
      const unanswered = comments.filter((x) => x.status !== 'hidden' && !x.adoption);
      if (unanswered.length) {
        throw new AppError(
          'CONFLICT',
          `还有 ${unanswered.length} 条意见没有答复采纳情况，每条意见都要答复`,
          unanswered.map((x) => ({ path: `comments.${x.id}`, reason: '未答复' })),
        );
      }
      const now = this.clock.now();
      const notice = await this.publishReport(tx, user, loaded, comments, input.changeSummary.trim(), now);
      const done = await tx
        .getRepository(Consultation)
        .update({ id, concludedAt: IsNull() }, { resultNoticeId: notice.id, concludedAt: now, changeSummary: input.changeSummary.trim(), updatedAt: now });
      if (!done.affected) throw new AppError('INVALID_TRANSITION', '采纳情况刚被其他人公布过了');
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'consult_conclude',
        targetType: 'consultation',
        targetId: id,
        regionId: c.regionId,
        note: `采纳情况公告 #${notice.id}`,
      });
      // One message per resident who commented (not per comment), whatever the state of delivery.
      const byAuthor = new Map<number, Adoption[]>();
      for (const x of comments) {
        if (x.authorId === null || x.status === 'hidden' || !x.adoption) continue;
        byAuthor.set(x.authorId, [...(byAuthor.get(x.authorId) ?? []), x.adoption]);
      }
      for (const [userId, adoptions] of byAuthor) {
        const phrase = adoptionPhrase(adoptions);
        const counts = (['adopted', 'partly', 'not_adopted'] as const)
          .map((k) => [k, adoptions.filter((a) => a === k).length] as const)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${ADOPTION_LABELS[k]} ${n} 条`)
          .join('，');
        await this.outbox.enqueueOne(tx, {
          messageType: 'consultation_result',
          userId,
          dedupeKey: `consultation:${id}:result:user:${userId}`,
          values: { title: c.title, concludedAt: now, adoption: phrase, region: loaded.regionName },
          page: `packages/consultation/mine/index`,
          title: `您对《${c.title}》的意见已有答复`,
          body: `您提出的 ${adoptions.length} 条意见：${counts}。点开查看每条意见的答复和采纳情况公告。`,
          // No noticeId: tapping the message opens 我的意见 with this resident's own answers (the report is linked there).
          regionId: c.regionId,
        });
      }
    });
    return this.consultations.detail(user, id);
  }

  private async publishReport(
    tx: EntityManager,
    user: AuthUser,
    loaded: LoadedConsultation,
    comments: ConsultationComment[],
    changeSummary: string,
    now: Date,
  ): Promise<Notice> {
    const { c } = loaded;
    const paragraphs = await tx.getRepository(ConsultationParagraph).find({ where: { consultationId: c.id } });
    const headings = new Map(paragraphs.map((p) => [p.id, p.heading || `第 ${p.position} 段`]));
    const shown = comments.filter((x) => x.status !== 'hidden');
    const n = (a: Adoption) => shown.filter((x) => x.adoption === a).length;
    const rows = shown
      .map(
        (x, i) =>
          `<tr><td>${i + 1}</td><td>${escapeHtml(x.paragraphId ? (headings.get(x.paragraphId) ?? '') : '整体')}</td><td>${escapeHtml(x.authorName)}</td>` +
          `<td>${escapeHtml(c.privateComments ? '（意见不公开）' : x.body)}</td><td>${escapeHtml(ADOPTION_LABELS[x.adoption!])}</td><td>${escapeHtml(x.adoptionReason ?? '')}</td></tr>`,
      )
      .join('');
    const body = sanitizeNoticeHtml(
      `<p>${escapeHtml(c.publisher)}于 ${escapeHtml(beijing(c.opensAt))} 至 ${escapeHtml(beijing(c.closesAt))} 就《${escapeHtml(c.title)}》公开征求意见，` +
        `共收到意见 ${comments.length} 条（其中网格员代录 ${comments.filter((x) => x.enteredBy !== null).length} 条，` +
        `因违反发言规则隐藏 ${comments.length - shown.length} 条）。现将意见采纳情况公布如下：</p>` +
        `<p>采纳 ${n('adopted')} 条，部分采纳 ${n('partly')} 条，未采纳 ${n('not_adopted')} 条。</p>` +
        `<h4>草案修改情况</h4><p>${escapeHtml(changeSummary).replace(/\n/g, '<br>')}</p>` +
        `<h4>逐条答复</h4><table><thead><tr><th>序号</th><th>条款</th><th>意见人</th><th>意见内容</th><th>采纳情况</th><th>理由</th></tr></thead><tbody>${rows}</tbody></table>` +
        `<p>联系方式：${escapeHtml(c.contact)}</p>`,
    );
    const repo = tx.getRepository(Notice);
    const notice = await repo.save(
      repo.create({
        title: [...`《${c.title}》征求意见采纳情况`].slice(0, 120).join(''),
        body,
        basis: c.basis,
        timeLimit: '征求意见结束后及时公开',
        publisher: c.publisher,
        method: 'active',
        channels: ['mini_program'],
        audience: 'public',
        domain: c.domain,
        category: 'decision',
        kind: 'consultation_result',
        regionId: c.regionId,
        docNo: null,
        indexNo: null,
        validFrom: null,
        validUntil: null,
        interpretationId: null,
        publicityStartsAt: null,
        publicityEndsAt: null,
        pinned: false,
        urgent: false,
        status: 'published',
        authorId: user.id,
        reviewerId: user.id,
        publishedAt: now,
        version: 1,
        guide: null,
      }),
    );
    const content = contentOf(notice);
    await tx.getRepository(NoticeVersion).insert({ noticeId: notice.id, version: 1, snapshot: snapshotOf(content), authorId: user.id, createdAt: now });
    const digest = contentDigest(content);
    const note = `征求意见 #${c.id} 的采纳情况，由${CONSULTATION_TYPE_LABELS[c.type]}征求意见结束后公布`;
    await this.audit.record(tx, [
      { actorId: user.id, action: 'create', targetType: 'notice', targetId: notice.id, regionId: c.regionId, digestBefore: null, digestAfter: digest, note, at: now },
      { actorId: user.id, action: 'publish', targetType: 'notice', targetId: notice.id, regionId: c.regionId, digestBefore: digest, digestAfter: digest, at: now },
    ]);
    await NoticeSearchIndexer.index(tx, notice);
    return notice;
  }

  async counts(user: AuthUser, id: number): Promise<ConsultationCountsDto> {
    const loaded = await loadConsultation(this.db.manager, id);
    assertCovers(user, loaded.path, CONSULTATION_STAFF);
    const rows = await this.db.getRepository(ConsultationComment).find({ select: { status: true, adoption: true, enteredBy: true }, where: { consultationId: id } });
    return countsOf(rows);
  }

  /** The xlsx staff download: sheet 意见 (one row per comment with its answer and replies) and sheet 统计. */
  async export(user: AuthUser, id: number): Promise<{ bytes: Buffer; fileName: string }> {
    const loaded = await loadConsultation(this.db.manager, id);
    assertCovers(user, loaded.path, CONSULTATION_STAFF);
    const { c } = loaded;
    const all: StaffCommentDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.comments.staffList(user, id, { cursor, limit: 50 });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Sunboard';
    const sheet = wb.addWorksheet('意见');
    sheet.columns = [
      { header: '编号', key: 'id', width: 8 },
      { header: '条款', key: 'paragraph', width: 12 },
      { header: '意见人', key: 'author', width: 18 },
      { header: '代录网格员', key: 'enteredBy', width: 12 },
      { header: '意见内容', key: 'body', width: 60 },
      { header: '状态', key: 'status', width: 10 },
      { header: '点赞', key: 'support', width: 8 },
      { header: '举报', key: 'reports', width: 8 },
      { header: '采纳情况', key: 'adoption', width: 10 },
      { header: '理由', key: 'reason', width: 40 },
      { header: '官方回复', key: 'replies', width: 40 },
      { header: '提交时间', key: 'createdAt', width: 20 },
    ];
    for (const x of all) {
      sheet.addRow({
        id: x.id,
        paragraph: x.paragraphHeading ?? '整体',
        author: x.authorName,
        enteredBy: x.enteredByName ?? '',
        // A cell starting with = + - @ would be read as a formula by spreadsheet programs: keep it text.
        body: /^[=+\-@]/.test(x.body ?? '') ? `'${x.body}` : (x.body ?? ''),
        status: COMMENT_STATUS_LABELS[x.status],
        support: x.supportCount,
        reports: x.reportCount,
        adoption: x.adoption ? ADOPTION_LABELS[x.adoption] : '未答复',
        reason: x.adoptionReason ?? '',
        replies: x.replies.map((r) => r.body).join('\n'),
        createdAt: beijing(new Date(x.createdAt)),
      });
    }
    sheet.getRow(1).font = { bold: true };
    const counts = countsOf(all.map((x) => ({ status: x.status, adoption: x.adoption, enteredBy: x.proxy ? 1 : null })));
    const stats = wb.addWorksheet('统计');
    stats.columns = [
      { header: '项目', key: 'k', width: 20 },
      { header: '数量', key: 'v', width: 10 },
    ];
    const labels: Array<[keyof ConsultationCountsDto, string]> = [
      ['total', '意见总数'],
      ['visible', '已公开'],
      ['pending', '待审核'],
      ['hidden', '已隐藏'],
      ['proxy', '网格员代录'],
      ['adopted', '采纳'],
      ['partly', '部分采纳'],
      ['notAdopted', '未采纳'],
      ['unanswered', '未答复'],
    ];
    for (const [k, label] of labels) stats.addRow({ k: label, v: counts[k] });
    stats.getRow(1).font = { bold: true };
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    return { bytes, fileName: `${c.title}-意见汇总.xlsx` };
  }
}

function countsOf(rows: Array<Pick<ConsultationComment, 'status' | 'adoption'> & { enteredBy: number | null }>): ConsultationCountsDto {
  const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  return {
    total: rows.length,
    visible: count((r) => r.status === 'visible'),
    pending: count((r) => r.status === 'pending'),
    hidden: count((r) => r.status === 'hidden'),
    proxy: count((r) => r.enteredBy !== null),
    adopted: count((r) => r.adoption === 'adopted'),
    partly: count((r) => r.adoption === 'partly'),
    notAdopted: count((r) => r.adoption === 'not_adopted'),
    unanswered: count((r) => r.status !== 'hidden' && !r.adoption),
  };
}
