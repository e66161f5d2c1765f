import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type CaseCorrectionInput,
  caseCorrectionSchema,
  type CaseDetailDto,
  type CaseFinishInput,
  caseFinishSchema,
  type CaseProgressInput,
  caseProgressSchema,
  type CaseResumeInput,
  caseResumeSchema,
  type OpenCaseInput,
  openCaseSchema,
  STAFF_ROLES,
} from '@sunboard/shared';
import type { z } from 'zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers, covers } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { WorkingCalendar } from '../calendar/working-calendar';
import { Attachment } from '../uploads/attachment.entity';
import { assertManages, type LoadedCase, loadCase, roleOver } from './case-access';
import { CaseEvent } from './case-event.entity';
import { correctionText, finishedText, type NextStepInfo, noteText, openedText, progressText, resumedText } from './case-messages';
import { newCaseNo } from './case-no';
import { CaseQueriesService } from './case-queries.service';
import { CaseReminders } from './case-reminders';
import { CaseStep } from './case-step.entity';
import { CaseType } from './case-type.entity';
import { ServiceCase } from './service-case.entity';

type Opened = z.infer<typeof openCaseSchema>;
type Progress = z.infer<typeof caseProgressSchema>;
type Correction = z.infer<typeof caseCorrectionSchema>;
type Resume = z.infer<typeof caseResumeSchema>;
type Finish = z.infer<typeof caseFinishSchema>;

/**
 * Moving a case: open → steps completed one by one (each with a note, optionally a photo or the 公示
 * notice) → finished with a result; 补正 pauses the active step's clock until the materials arrive.
 * Every change is one transaction writing the case, its timeline event, the register row and the
 * applicant's reminder; the case row is updated conditionally on the state read, so two staff acting
 * at once cannot both move it (the second gets 409).
 */
@Injectable()
export class CaseWorkflowService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly reminders: CaseReminders,
    private readonly queries: CaseQueriesService,
  ) {}

  async open(user: AuthUser, input: OpenCaseInput): Promise<CaseDetailDto> {
    const body = input as Opened;
    const regions: Array<{ id: number; path: string; name: string }> = await this.db.query('SELECT id, path, name FROM region WHERE id = ?', [body.regionId]);
    if (!regions.length) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: 'regionId', reason: '找不到该区域' }]);
    const region = regions[0];
    assertCovers(user, region.path, STAFF_ROLES);
    const type = await this.db.getRepository(CaseType).findOneBy({ id: body.caseTypeId });
    if (!type || !type.active) throw AppError.field('caseTypeId', '没有这个办件事项，或该事项已停用');
    if (body.applicant.userId !== undefined) await this.assertResidentInScope(user, body.applicant.userId);

    const cal = await this.calendar.fresh();
    const now = this.clock.now();
    const today = cal.today();
    const role = roleOver(user, region.path);
    const firstDue = cal.addWorkingDays(today, type.steps[1].limitDays);
    const id = await inTransaction(this.db, async (tx) => {
      const c = await this.insertCase(tx, {
        caseTypeId: type.id,
        typeName: type.name,
        domain: type.domain,
        regionId: region.id,
        applicantUserId: body.applicant.userId ?? null,
        applicantName: body.applicant.name,
        applicantIdEnc: this.cipher.encrypt(body.applicant.idNumber ?? null),
        applicantPhoneEnc: this.cipher.encrypt(body.applicant.phone),
        status: 'open',
        result: null,
        resultReason: null,
        currentPosition: 2,
        currentDueOn: firstDue.date,
        stepCount: type.steps.length,
        correction: null,
        claimFailures: 0,
        claimLockedUntil: null,
        openedBy: user.id,
        openedAt: now,
        updatedAt: now,
        finishedAt: null,
      });
      // The application itself is step 1: received now. Step 2 starts at once.
      const steps = type.steps.map((s, i) =>
        tx.getRepository(CaseStep).create({
          caseId: c.id,
          position: i + 1,
          name: s.name,
          role: s.role,
          limitDays: s.limitDays,
          prepare: s.prepare,
          publicity: !!s.publicity,
          state: i === 0 ? 'done' : 'pending',
          startedAt: i === 0 ? now : null,
          completedAt: i === 0 ? now : null,
          clockFrom: null,
          dueOn: null,
          dueProvisional: false,
          noticeId: null,
          overdueRemindedOn: null,
        }),
      );
      this.activate(steps[1], now, today);
      await tx.getRepository(CaseStep).save(steps);
      const event = await this.event(tx, { caseId: c.id, type: 'opened', position: 1, stepName: steps[0].name, note: body.note ?? null, actorId: user.id, actorRole: role, createdAt: now });
      await this.audit.record(tx, { actorId: user.id, action: 'case_open', targetType: 'case', targetId: c.id, regionId: c.regionId, note: `${c.typeName} ${c.caseNo}`, at: now });
      await this.reminders.toApplicant(tx, c, region.name, event.id, openedText(c.typeName, c.caseNo, this.nextInfo(steps[1])), now);
      return c.id;
    });
    return this.queries.detail(user, id);
  }

  async progress(user: AuthUser, id: number, input: CaseProgressInput): Promise<CaseDetailDto> {
    const body = input as Progress;
    const cal = await this.calendar.fresh();
    await inTransaction(this.db, async (tx) => {
      const lc = await loadCase(tx, id);
      const steps = await this.stepsOf(tx, lc);
      const c = lc!.c;
      const step = steps.find((s) => s.position === body.position);
      if (!step) throw AppError.field('position', `这个办件没有第 ${body.position} 个环节（共 ${c.stepCount} 个）`);
      assertManages(user, lc);
      this.assertOpen(c);
      if (c.currentPosition !== body.position) {
        throw new AppError('CASE_STEP_MISMATCH', c.currentPosition ? `当前正在办理的是第 ${c.currentPosition} 个环节，不是第 ${body.position} 个` : '所有环节都已完成，请办结该办件', [
          { path: 'position', reason: '不是当前环节' },
        ]);
      }
      const role = assertManages(user, lc, step.role);
      if (body.noticeId !== undefined) await this.assertPublicityNotice(tx, lc!, step, body.noticeId);
      if (body.attachmentId !== undefined) await this.attachToCase(tx, user, c.id, body.attachmentId);

      const now = this.clock.now();
      const today = cal.today();
      const next = body.complete ? steps.find((s) => s.position === step.position + 1) ?? null : null;
      if (body.complete) {
        if (next) this.activate(next, now, today);
        await this.moveCase(tx, c, { currentPosition: next ? next.position : null, currentDueOn: next ? next.dueOn : null, updatedAt: now });
        step.state = 'done';
        step.completedAt = now;
        if (body.noticeId !== undefined) step.noticeId = body.noticeId;
        await tx.getRepository(CaseStep).save(next ? [step, next] : [step]);
      } else {
        await this.moveCase(tx, c, { updatedAt: now });
        if (body.noticeId !== undefined) await tx.getRepository(CaseStep).update({ id: step.id }, { noticeId: body.noticeId });
      }
      const event = await this.event(tx, {
        caseId: c.id,
        type: body.complete ? 'progress' : 'note',
        position: step.position,
        stepName: step.name,
        note: body.note,
        attachmentId: body.attachmentId ?? null,
        actorId: user.id,
        actorRole: role,
        createdAt: now,
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: body.complete ? 'case_progress' : 'case_note',
        targetType: 'case',
        targetId: c.id,
        regionId: c.regionId,
        note: `第 ${step.position} 步「${step.name}」${body.complete ? '完成' : '记录'}`,
        at: now,
      });
      const text = body.complete ? progressText(c.typeName, step.name, body.note, next ? this.nextInfo(next) : null) : noteText(c.typeName, step.name, body.note);
      await this.reminders.toApplicant(tx, c, lc!.regionName, event.id, text, now);
    });
    return this.queries.detail(user, id);
  }

  async correction(user: AuthUser, id: number, input: CaseCorrectionInput): Promise<CaseDetailDto> {
    const body = input as Correction;
    const cal = await this.calendar.fresh();
    await inTransaction(this.db, async (tx) => {
      const lc = await loadCase(tx, id);
      const role = assertManages(user, lc);
      const c = lc!.c;
      this.assertOpen(c);
      if (c.currentPosition === null) throw new AppError('CONFLICT', '所有环节都已完成，不能再要求补正，请办结该办件');
      const today = cal.today();
      if (body.dueOn <= today) throw AppError.field('dueOn', `补正期限必须晚于今天（${today}）`);
      const steps = await this.stepsOf(tx, lc);
      const step = steps.find((s) => s.position === c.currentPosition)!;
      const now = this.clock.now();
      const correction = { materials: body.materials, dueOn: body.dueOn, requestedAt: now.toISOString() };
      await this.moveCase(tx, c, { status: 'correction', correction, currentDueOn: null, updatedAt: now });
      const event = await this.event(tx, {
        caseId: c.id,
        type: 'correction',
        position: step.position,
        stepName: step.name,
        note: body.note ?? null,
        materials: body.materials,
        dueOn: body.dueOn,
        actorId: user.id,
        actorRole: role,
        createdAt: now,
      });
      await this.audit.record(tx, { actorId: user.id, action: 'case_correction', targetType: 'case', targetId: c.id, regionId: c.regionId, note: `补正 ${body.materials.length} 项材料，期限 ${body.dueOn}`, at: now });
      await this.reminders.toApplicant(tx, c, lc!.regionName, event.id, correctionText(c.typeName, body.materials, body.dueOn, body.note ?? null), now);
    });
    return this.queries.detail(user, id);
  }

  async resume(user: AuthUser, id: number, input: CaseResumeInput): Promise<CaseDetailDto> {
    const body = input as Resume;
    const cal = await this.calendar.fresh();
    await inTransaction(this.db, async (tx) => {
      const lc = await loadCase(tx, id);
      const role = assertManages(user, lc);
      const c = lc!.c;
      if (c.status === 'finished') throw new AppError('CASE_FINISHED');
      if (c.status !== 'correction') throw new AppError('CONFLICT', '该办件没有在等待补正材料');
      const steps = await this.stepsOf(tx, lc);
      const step = steps.find((s) => s.position === c.currentPosition)!;
      const now = this.clock.now();
      // 补正 time does not count: the step's working days start again from today.
      this.activate(step, step.startedAt ?? now, cal.today());
      await this.moveCase(tx, c, { status: 'open', correction: null, currentDueOn: step.dueOn, updatedAt: now });
      await tx.getRepository(CaseStep).save(step);
      const event = await this.event(tx, { caseId: c.id, type: 'resumed', position: step.position, stepName: step.name, note: body.note ?? null, actorId: user.id, actorRole: role, createdAt: now });
      await this.audit.record(tx, { actorId: user.id, action: 'case_resume', targetType: 'case', targetId: c.id, regionId: c.regionId, note: `第 ${step.position} 步「${step.name}」继续办理`, at: now });
      await this.reminders.toApplicant(tx, c, lc!.regionName, event.id, resumedText(c.typeName, step.name, step.dueOn ? { name: step.name, prepare: '', expectedOn: step.dueOn, provisional: step.dueProvisional } : null), now);
    });
    return this.queries.detail(user, id);
  }

  async finish(user: AuthUser, id: number, input: CaseFinishInput): Promise<CaseDetailDto> {
    const body = input as Finish;
    await inTransaction(this.db, async (tx) => {
      const lc = await loadCase(tx, id);
      const role = assertManages(user, lc, 'reviewer');
      const c = lc!.c;
      if (c.status === 'finished') throw new AppError('CASE_FINISHED');
      const steps = await this.stepsOf(tx, lc);
      const now = this.clock.now();
      await this.moveCase(tx, c, { status: 'finished', result: body.result, resultReason: body.reason ?? null, currentPosition: null, currentDueOn: null, correction: null, finishedAt: now, updatedAt: now });
      const changed = steps.filter((s) => s.state === 'active' || s.state === 'pending');
      for (const s of changed) {
        if (s.state === 'active') {
          s.state = body.result === 'approved' ? 'done' : 'stopped';
          s.completedAt = now;
        } else s.state = 'skipped';
      }
      if (changed.length) await tx.getRepository(CaseStep).save(changed);
      const event = await this.event(tx, { caseId: c.id, type: 'finished', note: body.reason ?? null, result: body.result, actorId: user.id, actorRole: role, createdAt: now });
      await this.audit.record(tx, { actorId: user.id, action: 'case_finish', targetType: 'case', targetId: c.id, regionId: c.regionId, note: body.result === 'approved' ? '准予办理' : '不予办理', at: now });
      await this.reminders.toApplicant(tx, c, lc!.regionName, event.id, finishedText(c.typeName, body.result, body.reason ?? null), now);
    });
    return this.queries.detail(user, id);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** Starts a step's working-day clock today. */
  private activate(step: CaseStep, startedAt: Date, today: string): void {
    const due = this.calendar.addWorkingDays(today, step.limitDays);
    step.state = 'active';
    step.startedAt = startedAt;
    step.clockFrom = today;
    step.dueOn = due.date;
    step.dueProvisional = due.provisional;
    step.overdueRemindedOn = null;
  }

  private nextInfo(step: CaseStep): NextStepInfo {
    return { name: step.name, prepare: step.prepare, expectedOn: step.dueOn!, provisional: !!step.dueProvisional };
  }

  private assertOpen(c: ServiceCase): void {
    if (c.status === 'finished') throw new AppError('CASE_FINISHED');
    if (c.status === 'correction') throw new AppError('CONFLICT', '该办件正在等待补正材料，请先确认“收到补正材料”再继续办理');
  }

  private async stepsOf(tx: EntityManager, lc: LoadedCase | null): Promise<CaseStep[]> {
    if (!lc) throw AppError.notFound('办件');
    return tx.getRepository(CaseStep).find({ where: { caseId: lc.c.id }, order: { position: 'ASC' } });
  }

  /** Updates the case only if it is still as read (status and step); else 409 and the transaction rolls back. */
  private async moveCase(tx: EntityManager, c: ServiceCase, patch: Partial<ServiceCase>): Promise<void> {
    const qb = tx.createQueryBuilder().update(ServiceCase).set(patch).where('id = :id AND status = :status', { id: c.id, status: c.status });
    if (c.currentPosition === null) qb.andWhere('current_position IS NULL');
    else qb.andWhere('current_position = :position', { position: c.currentPosition });
    const result = await qb.execute();
    if (!result.affected) throw new AppError('CONFLICT', '该办件刚刚被其他工作人员更新，请刷新后再试');
    Object.assign(c, patch);
  }

  private async insertCase(tx: EntityManager, values: Omit<ServiceCase, 'id' | 'caseNo'>): Promise<ServiceCase> {
    for (let attempt = 0; ; attempt++) {
      const caseNo = newCaseNo(values.openedAt);
      const clash = await tx.getRepository(ServiceCase).existsBy({ caseNo });
      if (clash && attempt < 5) continue;
      return tx.getRepository(ServiceCase).save(tx.getRepository(ServiceCase).create({ ...values, caseNo }));
    }
  }

  private async event(tx: EntityManager, e: Partial<CaseEvent> & Pick<CaseEvent, 'caseId' | 'type' | 'createdAt'>): Promise<CaseEvent> {
    return tx.getRepository(CaseEvent).save(
      tx.getRepository(CaseEvent).create({
        position: null,
        stepName: null,
        note: null,
        materials: null,
        dueOn: null,
        result: null,
        attachmentId: null,
        actorId: null,
        actorRole: null,
        ...e,
      }),
    );
  }

  private async assertResidentInScope(user: AuthUser, userId: number): Promise<void> {
    const rows: Array<{ path: string | null }> = await this.db.query('SELECT r.path AS path FROM app_user u LEFT JOIN region r ON r.id = u.home_region_id WHERE u.id = ?', [userId]);
    if (!rows.length) throw AppError.field('applicant.userId', '找不到该居民账号');
    if (!rows[0].path || !covers(user, rows[0].path, STAFF_ROLES)) throw AppError.field('applicant.userId', '该居民不住在您管辖的区域');
  }

  /** A 公示 step may link the published 公示 of the applicant's village/community or a region above it. */
  private async assertPublicityNotice(tx: EntityManager, lc: LoadedCase, step: CaseStep, noticeId: number): Promise<void> {
    if (!step.publicity) throw AppError.field('noticeId', `「${step.name}」不是公示环节，不能关联公示公告`);
    const rows: Array<{ kind: string; status: string; path: string }> = await tx.query(
      'SELECT n.kind AS kind, n.status AS status, r.path AS path FROM notice n JOIN region r ON r.id = n.region_id WHERE n.id = ?',
      [noticeId],
    );
    const n = rows[0];
    if (!n) throw AppError.field('noticeId', '找不到该公告');
    if (n.kind !== 'publicity') throw AppError.field('noticeId', '只能关联“公示”类公告');
    if (n.status !== 'published' && n.status !== 'expired') throw AppError.field('noticeId', '该公示尚未发布');
    if (!lc.regionPath.startsWith(n.path)) throw AppError.field('noticeId', '该公示不是在申请人所在村（社区）或上级区域发布的');
  }

  /** The caller's own unattached upload becomes part of the case (readable by the applicant). */
  private async attachToCase(tx: EntityManager, user: AuthUser, caseId: number, attachmentId: number): Promise<void> {
    const result = await tx
      .createQueryBuilder()
      .update(Attachment)
      .set({ caseId })
      .where('id = :id AND owner_id = :owner AND notice_id IS NULL AND case_id IS NULL', { id: attachmentId, owner: user.id })
      .execute();
    if (!result.affected) throw AppError.field('attachmentId', '附件不存在、不是您上传的，或已经用在别处');
  }
}
