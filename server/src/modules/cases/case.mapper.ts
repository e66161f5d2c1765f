import {
  type CaseDetailDto,
  type CaseEventDto,
  type CaseStepDto,
  type CaseSummaryDto,
  type CaseTypeDto,
  maskIdNumber,
  maskPhone,
  ROLE_LABELS,
  type Role,
} from '@sunboard/shared';
import type { Attachment } from '../uploads/attachment.entity';
import { toAttachmentDto } from '../uploads/attachment.mapper';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { dueOf } from './case-due';
import type { CaseEvent } from './case-event.entity';
import type { CaseStep } from './case-step.entity';
import type { CaseType } from './case-type.entity';
import type { ServiceCase } from './service-case.entity';

export function toCaseTypeDto(t: CaseType): CaseTypeDto {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    domain: t.domain,
    description: t.description,
    active: !!t.active,
    steps: t.steps.map((s, i) => ({ position: i + 1, name: s.name, role: s.role, limitDays: s.limitDays, prepare: s.prepare, publicity: !!s.publicity })),
    totalLimitDays: t.steps.reduce((n, s) => n + s.limitDays, 0),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The active step as a list row needs it: its name and whether its due date is an estimate. */
export interface ActiveStepInfo {
  name: string;
  dueProvisional: boolean;
}

/** A list row. While 补正 is pending the clock is stopped: the row shows the 补正 deadline, never overdue. */
export function toCaseSummaryDto(c: ServiceCase, regionName: string, active: ActiveStepInfo | null, calendar: WorkingCalendar, today: string): CaseSummaryDto {
  const running = c.status === 'open' && c.currentDueOn;
  return {
    id: c.id,
    caseNo: c.caseNo,
    typeId: c.caseTypeId,
    typeName: c.typeName,
    domain: c.domain,
    status: c.status,
    result: c.result,
    region: { id: c.regionId, name: regionName },
    applicantName: c.applicantName,
    currentStep:
      c.status !== 'finished' && c.currentPosition !== null
        ? {
            position: c.currentPosition,
            name: active?.name ?? '',
            ...(running
              ? dueOf(c.currentDueOn!, !!active?.dueProvisional, today, calendar)
              : { dueOn: c.correction?.dueOn ?? '', provisional: false, overdue: false, overdueDays: 0 }),
          }
        : null,
    stepCount: c.stepCount,
    openedAt: c.openedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    finishedAt: c.finishedAt ? c.finishedAt.toISOString() : null,
  };
}

export interface CaseDetailParts {
  c: ServiceCase;
  regionName: string;
  steps: CaseStep[];
  events: CaseEvent[];
  attachments: Map<number, Attachment>;
  actors: Map<number, string>;
  notices: Map<number, string>;
  idNumber: string | null;
  phone: string;
  /** The viewer is staff covering the case (sees staff names; may manage). */
  staffView: boolean;
  canManage: boolean;
  calendar: WorkingCalendar;
  today: string;
}

export function toCaseDetailDto(p: CaseDetailParts): CaseDetailDto {
  const { c, steps, calendar, today } = p;
  const active = steps.find((s) => s.state === 'active') ?? null;
  const summary = toCaseSummaryDto(c, p.regionName, active, calendar, today);

  const stepDtos: CaseStepDto[] = steps.map((s) => ({
    position: s.position,
    name: s.name,
    role: s.role,
    limitDays: s.limitDays,
    prepare: s.prepare,
    publicity: !!s.publicity,
    state: s.state,
    startedAt: s.startedAt ? s.startedAt.toISOString() : null,
    completedAt: s.completedAt ? s.completedAt.toISOString() : null,
    due: s.state === 'active' && s.dueOn && c.status === 'open' ? dueOf(s.dueOn, !!s.dueProvisional, today, calendar) : null,
    notice: s.noticeId && p.notices.has(s.noticeId) ? { id: s.noticeId, title: p.notices.get(s.noticeId)! } : null,
  }));

  let nextStep: CaseDetailDto['nextStep'] = null;
  if (active && c.status !== 'finished') {
    const next = steps.find((s) => s.position === active.position + 1);
    if (next) {
      const from = active.dueOn && c.status === 'open' ? active.dueOn : calendar.addWorkingDays(today, active.limitDays).date;
      const expected = calendar.addWorkingDays(from, next.limitDays);
      nextStep = { position: next.position, name: next.name, prepare: next.prepare, expectedOn: expected.date, provisional: expected.provisional || !!active.dueProvisional };
    }
  }

  const eventDtos: CaseEventDto[] = p.events.map((e) => ({
    id: e.id,
    type: e.type,
    position: e.position,
    stepName: e.stepName,
    note: e.note,
    materials: e.materials,
    dueOn: e.dueOn,
    result: e.result,
    attachment: e.attachmentId && p.attachments.has(e.attachmentId) ? toAttachmentDto(p.attachments.get(e.attachmentId)!) : null,
    actor: actorOf(e, p),
    createdAt: e.createdAt.toISOString(),
  }));

  return {
    ...summary,
    applicant: {
      name: c.applicantName,
      idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null,
      phoneMasked: maskPhone(p.phone),
      linked: c.applicantUserId !== null,
    },
    steps: stepDtos,
    events: eventDtos,
    correction: c.status === 'correction' && c.correction ? c.correction : null,
    resultReason: c.resultReason,
    nextStep,
    canManage: p.canManage,
  };
}

function actorOf(e: CaseEvent, p: CaseDetailParts): CaseEventDto['actor'] {
  if (e.actorId === null) return null;
  const role = e.actorRole && e.actorRole in ROLE_LABELS ? ROLE_LABELS[e.actorRole as Role] : '工作人员';
  if (e.actorRole === 'resident') return { displayName: '申请人', role };
  // Residents see the role that acted; staff also see who.
  return { displayName: p.staffView ? (p.actors.get(e.actorId) ?? role) : role, role };
}
