import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource, In } from 'typeorm';
import {
  type NoticeAction,
  type NoticeRefDto,
  type Page,
  STAFF_ROLES,
  type StaffNoticeCardDto,
  type StaffNoticeDetailDto,
  type StaffNoticesQuery,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers, covers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { Region } from '../regions/region.entity';
import { RegionsService } from '../regions/regions.service';
import { scopeCondition } from '../staff/scope-sql';
import { User } from '../users/user.entity';
import { publicityEnded } from './notice-content';
import { NoticeLinksService } from './notice-links.service';
import { allowed } from './notice-transitions';
import { NoticeWorkflowState } from './notice-workflow.entity';
import { Notice } from './notice.entity';
import { toNoticeDetailDto } from './notice.mapper';
import { decodeIdCursor, encodeIdCursor } from './staff-notice-cursor';
import { type PersonRef, toStaffNoticeCardDto } from './staff-notice.mapper';

const REVIEWERS = ['reviewer', 'admin'] as const;

/** Notices as staff see them: any status, inside their scope, with the workflow around each. */
@Injectable()
export class StaffNoticesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly regions: RegionsService,
    private readonly links: NoticeLinksService,
  ) {}

  /**
   * Newest first, a page at a time. `status=pending_review` is the review queue: submitted notices
   * and published ones with a grid worker's correction waiting. `mine`: the caller's own.
   */
  async list(user: AuthUser, query: StaffNoticesQuery): Promise<Page<StaffNoticeCardDto>> {
    const qb = this.db
      .getRepository(Notice)
      .createQueryBuilder('n')
      .innerJoin(Region, 'r', 'r.id = n.regionId')
      .leftJoin(NoticeWorkflowState, 'w', 'w.noticeId = n.id');
    const scope = scopeCondition(user, STAFF_ROLES, 'r.path');
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (query.status === 'pending_review') {
      qb.andWhere(new Brackets((w) => w.where('n.status = :pending', { pending: 'pending_review' }).orWhere('(n.status = :published AND w.revisionAuthorId IS NOT NULL)', { published: 'published' })));
    } else if (query.status) {
      qb.andWhere('n.status = :status', { status: query.status });
    }
    if (query.mine) qb.andWhere('(n.authorId = :me OR w.revisionAuthorId = :me)', { me: user.id });
    if (query.cursor) qb.andWhere('n.id < :before', { before: decodeIdCursor(query.cursor) });
    const rows = await qb.orderBy('n.id', 'DESC').limit(query.limit + 1).getMany();
    const items = rows.slice(0, query.limit);

    const ids = items.map((n) => n.id);
    const [states, people, refs] = await Promise.all([
      ids.length ? this.db.getRepository(NoticeWorkflowState).findBy({ noticeId: In(ids) }) : Promise.resolve([]),
      this.people(items.map((n) => n.authorId)),
      this.regions.refs(items.map((n) => n.regionId)),
    ]);
    const stateOf = new Map(states.map((s) => [s.noticeId, s]));
    return {
      items: items.map((n) => toStaffNoticeCardDto(n, refs, people, stateOf.get(n.id) ?? null)),
      nextCursor: rows.length > query.limit ? encodeIdCursor(items[items.length - 1].id) : null,
    };
  }

  /** One notice in any status for staff covering its region (403 otherwise), with what the caller may do next. */
  async detail(user: AuthUser, id: number): Promise<StaffNoticeDetailDto> {
    const notice = await this.db.getRepository(Notice).findOneBy({ id });
    if (!notice) throw AppError.notFound('公告');
    const region = await this.regions.get(notice.regionId);
    assertCovers(user, region.path, STAFF_ROLES);

    const state = await this.db.getRepository(NoticeWorkflowState).findOneBy({ noticeId: id });
    const revisionAuthorId = state?.revision ? state.revisionAuthorId : null;
    const [refs, people, attachments, links, table, interpretation, interprets] = await Promise.all([
      this.regions.refs([notice.regionId]),
      this.people([notice.authorId, notice.reviewerId, revisionAuthorId]),
      this.links.attachmentsOf([id]).then((m) => m.get(id) ?? []),
      this.links.linksOf([id]).then((m) => m.get(id)!),
      this.links.tableOf(id),
      notice.interpretationId ? this.ref(notice.interpretationId) : Promise.resolve(null),
      this.interpretsOf(id, false),
    ]);
    const person = (pid: number | null) => (pid === null ? null : (people.get(pid) ?? { id: pid, displayName: '' }));
    const ended = notice.status === 'expired' || publicityEnded(notice);
    return {
      ...toNoticeDetailDto(notice, refs, { attachments, table, interpretation, interprets }),
      regionId: notice.regionId,
      author: person(notice.authorId),
      reviewer: person(notice.reviewerId),
      rejectionReason: state?.rejectionReason ?? null,
      withdrawalReason: state?.withdrawalReason ?? null,
      tableHiddenFromResidents: !!table && (ended || notice.status !== 'published'),
      attachmentIds: links.attachmentIds,
      pendingRevision:
        state?.revision && state.revisionAt
          ? { author: person(state.revisionAuthorId), submittedAt: state.revisionAt.toISOString(), changes: safeJson(state.revision) }
          : null,
      createdAt: notice.createdAt.toISOString(),
      actions: this.actions(user, notice, region.path, state),
    };
  }

  /** The notices a 政策解读 explains (published only when `publishedOnly`). One indexed query. */
  async interpretsOf(id: number, publishedOnly: boolean): Promise<NoticeRefDto[]> {
    const rows = await this.db.getRepository(Notice).find({
      select: { id: true, title: true },
      where: { interpretationId: id, ...(publishedOnly ? { status: 'published' as const } : {}) },
      order: { id: 'ASC' },
      take: 50,
    });
    return rows.map((r) => ({ id: r.id, title: r.title }));
  }

  private async ref(id: number, publishedOnly = false): Promise<NoticeRefDto | null> {
    const n = await this.db.getRepository(Notice).findOne({ select: { id: true, title: true, status: true }, where: { id } });
    if (!n || (publishedOnly && n.status !== 'published')) return null;
    return { id: n.id, title: n.title };
  }

  private actions(user: AuthUser, n: Notice, path: string, state: NoticeWorkflowState | null): NoticeAction[] {
    const out: NoticeAction[] = [];
    const writer = covers(user, path, STAFF_ROLES);
    const reviewer = covers(user, path, REVIEWERS);
    const ended = publicityEnded(n);
    const hasRevision = !!state?.revision;
    if (writer && n.status === 'draft') out.push('edit');
    if (writer && n.status === 'published' && !ended) out.push('correct');
    if (writer && n.authorId === user.id && allowed('submit', n.status)) out.push('submit');
    const ownWork = n.status === 'pending_review' ? n.authorId === user.id : state?.revisionAuthorId === user.id;
    if (reviewer && !ownWork && allowed('approve', n.status, hasRevision) && !(n.status === 'published' && ended)) out.push('approve', 'reject');
    if (reviewer && allowed('withdraw', n.status)) out.push('withdraw');
    return out;
  }

  private async people(ids: Array<number | null>): Promise<Map<number, PersonRef>> {
    const wanted = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
    if (!wanted.length) return new Map();
    const users = await this.db.getRepository(User).find({ select: { id: true, displayName: true }, where: { id: In(wanted) } });
    return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
  }
}

function safeJson(raw: string): Record<string, unknown> {
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
