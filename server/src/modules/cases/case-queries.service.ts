import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import {
  type CaseDetailDto,
  type CaseResidentDto,
  type CaseResidentQuery,
  type CaseSummaryDto,
  type CursorQuery,
  type Page,
  STAFF_ROLES,
  type StaffCaseQuery,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers, covers, scopePaths } from '../../common/auth/scope';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { decodeIdCursor, encodeIdCursor } from '../../common/pagination/id-cursor';
import { AppError } from '../../common/errors/app-error';
import { WorkingCalendar } from '../calendar/working-calendar';
import { Attachment } from '../uploads/attachment.entity';
import { User } from '../users/user.entity';
import { assertReadable, loadCase } from './case-access';
import { CaseEvent } from './case-event.entity';
import { CaseStep } from './case-step.entity';
import { toCaseDetailDto, toCaseSummaryDto } from './case.mapper';
import { ServiceCase } from './service-case.entity';

/** LIKE wildcards dropped from a search word (names and case numbers never contain them). */
const likeSafe = (s: string) => s.replace(/[\\%_]/g, '');

/** Reading cases: one case's timeline, 我的办件, the staff lists, and residents to link a case to. */
@Injectable()
export class CaseQueriesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendar: WorkingCalendar,
    private readonly cipher: FieldCipher,
  ) {}

  async detail(user: AuthUser, id: number): Promise<CaseDetailDto> {
    const lc = await loadCase(this.db.manager, id);
    const access = assertReadable(user, lc);
    const c = lc!.c;
    const [steps, events] = await Promise.all([
      this.db.getRepository(CaseStep).find({ where: { caseId: id }, order: { position: 'ASC' } }),
      this.db.getRepository(CaseEvent).find({ where: { caseId: id }, order: { id: 'DESC' } }),
    ]);
    const attachmentIds = events.map((e) => e.attachmentId).filter((x): x is number => x !== null);
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is number => x !== null))];
    const noticeIds = steps.map((s) => s.noticeId).filter((x): x is number => x !== null);
    const [attachments, actors, notices] = await Promise.all([
      attachmentIds.length ? this.db.getRepository(Attachment).findBy({ id: In(attachmentIds) }) : [],
      actorIds.length ? this.db.getRepository(User).find({ where: { id: In(actorIds) }, select: { id: true, displayName: true } }) : [],
      noticeIds.length ? (this.db.query(`SELECT id, title FROM notice WHERE id IN (${noticeIds.map(() => '?').join(', ')})`, noticeIds) as Promise<Array<{ id: number; title: string }>>) : [],
    ]);
    const cal = await this.calendar.fresh();
    return toCaseDetailDto({
      c,
      regionName: lc!.regionName,
      steps,
      events,
      attachments: new Map(attachments.map((a) => [a.id, a])),
      actors: new Map(actors.map((u) => [u.id, u.displayName])),
      notices: new Map(notices.map((n) => [Number(n.id), n.title])),
      idNumber: this.cipher.decrypt(c.applicantIdEnc),
      phone: this.cipher.decrypt(c.applicantPhoneEnc),
      staffView: access.staff,
      canManage: access.staff,
      calendar: cal,
      today: cal.today(),
    });
  }

  /** 我的办件: the caller's own cases, newest first. */
  async mine(user: AuthUser, q: CursorQuery): Promise<Page<CaseSummaryDto>> {
    return this.page(q, 'c.applicant_user_id = ?', [user.id]);
  }

  /** Cases in the caller's regions, filtered; `overdue` = open with the active step past its due date. */
  async staffList(user: AuthUser, q: StaffCaseQuery): Promise<Page<CaseSummaryDto>> {
    const paths = scopePaths(user, STAFF_ROLES);
    const where: string[] = [];
    const params: unknown[] = [];
    if (!paths.includes(null)) {
      where.push(`(${paths.map(() => 'r.path LIKE ?').join(' OR ')})`);
      params.push(...paths.map((p) => `${p}%`));
    }
    if (q.regionId !== undefined) {
      const rows: Array<{ path: string }> = await this.db.query('SELECT path FROM region WHERE id = ?', [q.regionId]);
      if (!rows.length) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: 'regionId', reason: '找不到该区域' }]);
      assertCovers(user, rows[0].path, STAFF_ROLES);
      where.push('r.path LIKE ?');
      params.push(`${rows[0].path}%`);
    }
    if (q.status) {
      where.push('c.status = ?');
      params.push(q.status);
    }
    if (q.overdue) {
      const cal = await this.calendar.fresh();
      where.push("c.status = 'open' AND c.current_due_on < ?");
      params.push(cal.today());
    }
    if (q.q) {
      where.push('(c.case_no = ? OR c.applicant_name LIKE ?)');
      params.push(q.q.toUpperCase(), `${likeSafe(q.q)}%`);
    }
    return this.page(q, where.length ? where.join(' AND ') : '1 = 1', params);
  }

  /** Residents whose home is in the region (inside the caller's scope), to link a new case to. */
  async residents(user: AuthUser, q: CaseResidentQuery): Promise<CaseResidentDto[]> {
    const rows: Array<{ path: string }> = await this.db.query('SELECT path FROM region WHERE id = ?', [q.regionId]);
    if (!rows.length) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: 'regionId', reason: '找不到该区域' }]);
    assertCovers(user, rows[0].path, STAFF_ROLES);
    const params: unknown[] = [`${rows[0].path}%`];
    let filter = '';
    if (q.q) {
      filter = ' AND u.display_name LIKE ?';
      params.push(`%${likeSafe(q.q)}%`);
    }
    const found: Array<{ id: number; display_name: string; rid: number; rname: string }> = await this.db.query(
      `SELECT u.id AS id, u.display_name AS display_name, r.id AS rid, r.name AS rname FROM app_user u JOIN region r ON r.id = u.home_region_id WHERE r.path LIKE ?${filter} ORDER BY u.id LIMIT 50`,
      params,
    );
    return found.map((u) => ({ id: Number(u.id), displayName: u.display_name, homeRegion: { id: Number(u.rid), name: u.rname } }));
  }

  private async page(q: CursorQuery, where: string, params: unknown[]): Promise<Page<CaseSummaryDto>> {
    const before = q.cursor ? decodeIdCursor('c', q.cursor) : undefined;
    const cond = before !== undefined ? `${where} AND c.id < ?` : where;
    const args = before !== undefined ? [...params, before] : params;
    const ids: Array<{ id: number | string }> = await this.db.query(
      `SELECT c.id AS id FROM service_case c JOIN region r ON r.id = c.region_id WHERE ${cond} ORDER BY c.id DESC LIMIT ${q.limit + 1}`,
      args,
    );
    const pageIds = ids.slice(0, q.limit).map((r) => Number(r.id));
    if (!pageIds.length) return { items: [], nextCursor: null };
    const cases = await this.db.getRepository(ServiceCase).findBy({ id: In(pageIds) });
    const regionRows: Array<{ id: number; name: string }> = await this.db.query(
      `SELECT id, name FROM region WHERE id IN (${[...new Set(cases.map((c) => c.regionId))].map(() => '?').join(', ')})`,
      [...new Set(cases.map((c) => c.regionId))],
    );
    const stepRows = await this.db.getRepository(CaseStep).find({ where: { caseId: In(pageIds), state: 'active' }, select: { caseId: true, name: true, dueProvisional: true } });
    const regionName = new Map(regionRows.map((r) => [Number(r.id), r.name]));
    const activeStep = new Map(stepRows.map((s) => [s.caseId, s]));
    const cal = await this.calendar.fresh();
    const today = cal.today();
    const byId = new Map(cases.map((c) => [c.id, c]));
    const items = pageIds.map((id) => byId.get(id)!).map((c) => toCaseSummaryDto(c, regionName.get(c.regionId) ?? '', activeStep.get(c.id) ?? null, cal, today));
    return { items, nextCursor: ids.length > q.limit ? encodeIdCursor('c', pageIds[pageIds.length - 1]) : null };
  }

  /** True when the user may see the case (for attachments and other modules). */
  async readable(user: AuthUser | undefined, caseId: number): Promise<boolean> {
    if (!user) return false;
    const lc = await loadCase(this.db.manager, caseId);
    if (!lc) return false;
    return lc.c.applicantUserId === user.id || covers(user, lc.regionPath, STAFF_ROLES);
  }
}
