import {
  caseClaimSchema,
  caseCorrectionSchema,
  caseFinishSchema,
  caseProgressSchema,
  openCaseSchema,
  type CaseClaimInput,
  type CaseCorrectionInput,
  type CaseFinishInput,
  type CaseProgressInput,
  type CaseResult,
  type OpenCaseInput,
} from '@sunboard/shared';
import { isDateInput, todayInChina } from './compose-dates';
import { materialsFromText } from './cases';

/**
 * The case forms as their controls hold them (strings), checked with the same shared zod schemas
 * the server applies, field problems keyed by form field; the server's VALIDATION_FAILED details
 * map onto the same keys.
 */
export type CaseFieldErrors<F extends string> = Partial<Record<F | 'form', string>>;
export type Checked<T, F extends string> = { ok: true; input: T } | { ok: false; errors: CaseFieldErrors<F> };

/** `[{path, reason}]` → the first reason per field; `fieldOf` maps an API path onto a form field. */
export function issuesToErrors<F extends string>(issues: ReadonlyArray<{ path: string; reason: string }>, fieldOf: (path: string) => F | 'form'): CaseFieldErrors<F> {
  const out: CaseFieldErrors<F> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (!out[field]) out[field] = issue.reason;
  }
  return out;
}

/** The part of a zod schema used here (the shared schemas; no direct zod import in the app). */
interface Schema {
  safeParse(raw: unknown): { success: true; data: unknown } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

function check<T, F extends string>(schema: Schema, raw: unknown, fieldOf: (path: string) => F | 'form', extra: Array<{ path: string; reason: string }> = []): Checked<T, F> {
  const parsed = schema.safeParse(raw);
  // The form's own plainer wording (e.g. "please fill in") comes first and wins for its field.
  const issues = [...extra, ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), reason: i.message })))];
  if (!issues.length && parsed.success) return { ok: true, input: parsed.data as T };
  return { ok: false, errors: issuesToErrors(issues, fieldOf) };
}

const known =
  <F extends string>(fields: readonly F[], aliases: Record<string, F> = {}) =>
  (path: string): F | 'form' => {
    const head = path.split('.')[0];
    if (aliases[path]) return aliases[path];
    return (fields as readonly string[]).includes(head) ? (head as F) : 'form';
  };

// ---- 认领办件 ---------------------------------------------------------------------------------

export interface ClaimForm {
  caseNo: string;
  name: string;
  phoneLast4: string;
}
export type ClaimField = keyof ClaimForm;
export const emptyClaimForm = (): ClaimForm => ({ caseNo: '', name: '', phoneLast4: '' });
export const claimFieldOf = known<ClaimField>(['caseNo', 'name', 'phoneLast4']);

export function validateClaimForm(f: ClaimForm): Checked<CaseClaimInput, ClaimField> {
  const missing: Array<{ path: string; reason: string }> = [];
  if (!f.caseNo.trim()) missing.push({ path: 'caseNo', reason: '请填写受理回执上的办件编号' });
  return check<CaseClaimInput, ClaimField>(caseClaimSchema, f, claimFieldOf, missing);
}

// ---- 登记办件 (staff open a case) -------------------------------------------------------------

export interface OpenCaseForm {
  caseTypeId: number | null;
  regionId: number | null;
  name: string;
  phone: string;
  idNumber: string;
  /** A resident account found by search, or null (the resident claims it with the case number). */
  userId: number | null;
  note: string;
}
export type OpenCaseField = 'caseTypeId' | 'regionId' | 'name' | 'phone' | 'idNumber' | 'userId' | 'note';
export const emptyOpenCaseForm = (regionId: number | null = null): OpenCaseForm => ({ caseTypeId: null, regionId, name: '', phone: '', idNumber: '', userId: null, note: '' });
export const openCaseFieldOf = known<OpenCaseField>(['caseTypeId', 'regionId', 'note'], {
  'applicant.name': 'name',
  'applicant.phone': 'phone',
  'applicant.idNumber': 'idNumber',
  'applicant.userId': 'userId',
  applicant: 'name',
});

export function openCaseFormToInput(f: OpenCaseForm): OpenCaseInput {
  return {
    caseTypeId: f.caseTypeId ?? 0,
    regionId: f.regionId ?? 0,
    applicant: {
      name: f.name,
      phone: f.phone.replace(/[\s-]/g, ''),
      ...(f.idNumber.trim() ? { idNumber: f.idNumber.replace(/\s/g, '') } : {}),
      ...(f.userId ? { userId: f.userId } : {}),
    },
    ...(f.note.trim() ? { note: f.note } : {}),
  };
}

export function validateOpenCaseForm(f: OpenCaseForm): Checked<OpenCaseInput, OpenCaseField> {
  const missing: Array<{ path: string; reason: string }> = [];
  if (!f.caseTypeId) missing.push({ path: 'caseTypeId', reason: '请选择办理事项' });
  if (!f.regionId) missing.push({ path: 'regionId', reason: '请选择申请人所在的社区、村或网格' });
  if (!f.phone.trim()) missing.push({ path: 'applicant.phone', reason: '请填写申请人的手机号码' });
  return check<OpenCaseInput, OpenCaseField>(openCaseSchema, openCaseFormToInput(f), openCaseFieldOf, missing);
}

// ---- 记录办理进度 --------------------------------------------------------------------------------

export interface ProgressForm {
  note: string;
  /** true: the step is done and the next one starts; false: a note only. */
  complete: boolean;
  /** A 公示 step: the published notice's number, as typed ('' for none). */
  noticeId: string;
  attachmentId: number | null;
}
export type ProgressField = 'note' | 'noticeId' | 'attachmentId' | 'complete' | 'position';
export const emptyProgressForm = (): ProgressForm => ({ note: '', complete: true, noticeId: '', attachmentId: null });
export const progressFieldOf = known<ProgressField>(['note', 'noticeId', 'attachmentId', 'complete', 'position']);

export function validateProgressForm(f: ProgressForm, position: number): Checked<CaseProgressInput, ProgressField> {
  const extra: Array<{ path: string; reason: string }> = [];
  const noticeText = f.noticeId.trim();
  if (noticeText && !/^\d+$/.test(noticeText)) extra.push({ path: 'noticeId', reason: '公示编号应为数字（公示详情页地址中 id= 后面的数字）' });
  if (!f.note.trim()) extra.push({ path: 'note', reason: '请写明办理情况，申请人会看到' });
  const raw: CaseProgressInput = {
    position,
    note: f.note,
    complete: f.complete,
    ...(f.attachmentId ? { attachmentId: f.attachmentId } : {}),
    ...(noticeText && /^\d+$/.test(noticeText) ? { noticeId: Number(noticeText) } : {}),
  };
  return check<CaseProgressInput, ProgressField>(caseProgressSchema, raw, progressFieldOf, extra);
}

// ---- 通知补正 -----------------------------------------------------------------------------------

export interface CorrectionForm {
  /** One material per line. */
  materials: string;
  /** `YYYY-MM-DD` */
  dueOn: string;
  note: string;
}
export type CorrectionField = 'materials' | 'dueOn' | 'note';
export const emptyCorrectionForm = (): CorrectionForm => ({ materials: '', dueOn: '', note: '' });
export const correctionFieldOf = known<CorrectionField>(['materials', 'dueOn', 'note']);

export function validateCorrectionForm(f: CorrectionForm, now = Date.now()): Checked<CaseCorrectionInput, CorrectionField> {
  const extra: Array<{ path: string; reason: string }> = [];
  if (!f.dueOn) extra.push({ path: 'dueOn', reason: '请选择补正材料的截止日期' });
  else if (!isDateInput(f.dueOn)) extra.push({ path: 'dueOn', reason: '日期无效，请重新选择' });
  else if (f.dueOn <= todayInChina(now)) extra.push({ path: 'dueOn', reason: '截止日期应在今天之后' });
  // Only a well-formed date goes to the schema (its day-exists check throws on other strings).
  const dueOn = isDateInput(f.dueOn) ? f.dueOn : undefined;
  const raw = { materials: materialsFromText(f.materials), dueOn, ...(f.note.trim() ? { note: f.note } : {}) };
  return check<CaseCorrectionInput, CorrectionField>(caseCorrectionSchema, raw, correctionFieldOf, extra);
}

// ---- 办结 ---------------------------------------------------------------------------------------

export interface FinishForm {
  result: CaseResult | '';
  reason: string;
}
export type FinishField = 'result' | 'reason';
export const emptyFinishForm = (): FinishForm => ({ result: '', reason: '' });
export const finishFieldOf = known<FinishField>(['result', 'reason']);

export function validateFinishForm(f: FinishForm): Checked<CaseFinishInput, FinishField> {
  if (!f.result) return { ok: false, errors: { result: '请选择办理结果：准予办理或不予办理' } };
  const raw: CaseFinishInput = { result: f.result, ...(f.reason.trim() ? { reason: f.reason } : {}) };
  return check<CaseFinishInput, FinishField>(caseFinishSchema, raw, finishFieldOf);
}

/** The question asked before finishing (办结 cannot be undone). */
export function finishConfirmText(result: CaseResult): string {
  return result === 'approved'
    ? '确定以“准予办理”办结这件申请吗？办结后不能再记录进度，申请人会收到提醒。'
    : '确定以“不予办理”办结这件申请吗？申请人会看到您写的理由，办结后不能再记录进度。';
}
