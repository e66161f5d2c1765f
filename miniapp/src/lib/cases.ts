import {
  CASE_EVENT_LABELS,
  CASE_RESULT_LABELS,
  CASE_STATUS_LABELS,
  CASE_STEP_STATE_LABELS,
  type CaseDueDto,
  type CaseEventDto,
  type CaseResult,
  type CaseStatus,
  type CaseStepDto,
  type StaffRole,
} from '@sunboard/shared';
import { formatDateInput } from './compose-dates';
import { formatDate } from './format';

/**
 * Display helpers of 办件 (cases): status and step state in words, due dates counted in working days
 * (the server computes them with the holiday calendar; these only say them), overdue in words.
 */

export type CaseTone = 'info' | 'warn' | 'ok' | 'muted' | 'urgent';

/** Said whenever a date ran into a year whose holidays are not announced yet. */
export const PROVISIONAL_NOTE = '节假日安排尚未公布，日期为估算';

/** `2026-11-30` → `2026年11月30日` ('' for anything else). */
export function formatDay(date: string | null | undefined): string {
  return date ? formatDateInput(date) : '';
}

/** `预计 2026年11月30日前` (with `（估算）` when the holidays of that year are not known yet). */
export function dueText(due: Pick<CaseDueDto, 'dueOn' | 'provisional'> | null | undefined): string {
  if (!due) return '';
  const day = formatDay(due.dueOn);
  if (!day) return '';
  return `预计 ${day}前${due.provisional ? '（估算）' : ''}`;
}

/** `已超期 3 个工作日`, or '' when not overdue. Always words: the red colour is never the only sign. */
export function overdueText(due: Pick<CaseDueDto, 'overdue' | 'overdueDays'> | null | undefined): string {
  if (!due?.overdue) return '';
  return due.overdueDays > 0 ? `已超期 ${due.overdueDays} 个工作日` : '已超期';
}

/** The status badge: `办理中` / `待补正` / `已办结·准予办理` / `已办结·不予办理`, and its tone. */
export function caseStatusBadge(c: { status: CaseStatus; result: CaseResult | null }): { text: string; tone: CaseTone } {
  if (c.status === 'finished') {
    if (c.result) return { text: `${CASE_STATUS_LABELS.finished}·${CASE_RESULT_LABELS[c.result]}`, tone: c.result === 'approved' ? 'ok' : 'muted' };
    return { text: CASE_STATUS_LABELS.finished, tone: 'muted' };
  }
  return { text: CASE_STATUS_LABELS[c.status] ?? c.status, tone: c.status === 'correction' ? 'warn' : 'info' };
}

/** A step's state in words (未开始 / 办理中 / 已完成 / 已终止 / 未办理); an overdue active step says so. */
export function stepStateText(step: Pick<CaseStepDto, 'state' | 'due'>): string {
  const label = CASE_STEP_STATE_LABELS[step.state] ?? step.state;
  const late = overdueText(step.due);
  return late ? `${label}·${late}` : label;
}

export function stepTone(step: Pick<CaseStepDto, 'state' | 'due'>): CaseTone {
  if (step.state === 'active') return step.due?.overdue ? 'urgent' : 'info';
  if (step.state === 'done') return 'ok';
  return 'muted';
}

/** The dates of one step on the timeline, each a line: 开始、完成、时限 (working days) and the due date. */
export function stepDateLines(step: Pick<CaseStepDto, 'state' | 'startedAt' | 'completedAt' | 'limitDays' | 'due'>): string[] {
  const out: string[] = [];
  if (step.startedAt) out.push(`开始：${formatDate(step.startedAt)}`);
  if (step.completedAt) out.push(`${step.state === 'stopped' ? '终止' : '完成'}：${formatDate(step.completedAt)}`);
  out.push(`时限：${step.limitDays} 个工作日`);
  if (step.state === 'active' && step.due) out.push(`办结期限：${dueText(step.due)}`);
  return out;
}

/** `【环节办结】入户调查`: what happened, and on which step. */
export function eventTitle(e: Pick<CaseEventDto, 'type' | 'stepName'>): string {
  const label = CASE_EVENT_LABELS[e.type] ?? e.type;
  return e.stepName && e.type !== 'opened' && e.type !== 'claimed' ? `${label}：${e.stepName}` : label;
}

/** "What to prepare" text as list lines (one per line or per `；`), empty lines dropped. */
export function prepareLines(prepare: string | null | undefined): string[] {
  return (prepare ?? '')
    .split(/\r?\n|；|;/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The 补正 materials typed one per line (or separated by `、，,；;`) → a list without blanks or repeats. */
export function materialsFromText(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/\r?\n|、|，|,|；|;/)) {
    const s = part.trim();
    if (s) seen.add(s);
  }
  return [...seen];
}

/** `SB20261126ABC234` → `SB 20261126 ABC234`: easier to read aloud and to copy by eye. */
export function spacedCaseNo(caseNo: string): string {
  const m = /^(SB)(\d{8})(\w{6})$/.exec(caseNo);
  return m ? `${m[1]} ${m[2]} ${m[3]}` : caseNo;
}

/** The one line under a case in a list: the step being handled and when it is due, or the result. */
export function currentStepLine(c: { status: CaseStatus; currentStep: { position: number; name: string } | null; stepCount: number; finishedAt: string | null }): string {
  if (c.status === 'finished') return c.finishedAt ? `办结于 ${formatDate(c.finishedAt)}` : '已办结';
  if (!c.currentStep) return '';
  return `当前环节：${c.currentStep.name}（第 ${c.currentStep.position} 步，共 ${c.stepCount} 步）`;
}

const RANK: Record<StaffRole, number> = { grid_worker: 1, reviewer: 2, admin: 3 };

/**
 * Whether the user's staff roles reach `needs` (a step's responsible role; 办结 needs a reviewer).
 * Only hides what the server would refuse; the server decides by the roles over the case's region.
 */
export function roleReaches(roles: ReadonlyArray<{ role: string }>, needs: StaffRole): boolean {
  return roles.some((r) => (RANK[r.role as StaffRole] ?? 0) >= RANK[needs]);
}

/** The due line under a case: `本环节预计 …前办结`, or once late `本环节应于 …前办结`. */
export function stepDueLine(due: Pick<CaseDueDto, 'dueOn' | 'provisional' | 'overdue'> | null | undefined): string {
  if (!due) return '';
  const day = formatDay(due.dueOn);
  if (!day) return '';
  return due.overdue ? `本环节应于 ${day}前办结` : `本环节${dueText(due)}办结`;
}
