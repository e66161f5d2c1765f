import { z } from 'zod';
import { DOMAIN_CODES, type Domain } from '../enums/domains';
import { STAFF_ROLES, type StaffRole } from '../enums/roles';
import type { AttachmentDto } from './uploads';
import { dateSchema } from './calendar';
import { cursorQuerySchema, idSchema, queryBoolean, text } from './common';

/** 办件: an application a resident made at the office, followed step by step. */
export const CASE_STATUSES = ['open', 'correction', 'finished'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { open: '办理中', correction: '待补正', finished: '已办结' };

export const CASE_RESULTS = ['approved', 'rejected'] as const;
export type CaseResult = (typeof CASE_RESULTS)[number];
export const CASE_RESULT_LABELS: Record<CaseResult, string> = { approved: '准予办理', rejected: '不予办理' };

/** A step of one case: pending (not reached), active (being handled), done, stopped (the case ended here), skipped. */
export const CASE_STEP_STATES = ['pending', 'active', 'done', 'stopped', 'skipped'] as const;
export type CaseStepState = (typeof CASE_STEP_STATES)[number];
export const CASE_STEP_STATE_LABELS: Record<CaseStepState, string> = { pending: '未开始', active: '办理中', done: '已完成', stopped: '已终止', skipped: '未办理' };

export const CASE_EVENT_TYPES = ['opened', 'claimed', 'progress', 'note', 'correction', 'resumed', 'finished'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];
export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  opened: '登记受理',
  claimed: '居民认领',
  progress: '环节办结',
  note: '办理记录',
  correction: '通知补正材料',
  resumed: '补正材料已收到',
  finished: '办结',
};

/** A case number as printed on the receipt: `SB` + 8-digit date + 6 letters/digits (no 0/O/1/I). */
export const CASE_NO_PATTERN = /^SB\d{8}[2-9A-HJ-NP-Z]{6}$/;

const idNumberSchema = z
  .string({ message: '身份证号必须是文字' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => /^[1-9]\d{16}[\dX]$/.test(s) || /^[1-9]\d{14}$/.test(s), { message: '身份证号应为 18 位（或旧版 15 位）' });

const mobileSchema = z
  .string({ message: '手机号码必须是文字' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: '手机号码应为 11 位数字，以 1 开头' });

// ---- case types and their step templates -------------------------------------------------------

export const caseStepTemplateSchema = z.object({
  name: text(20, '环节名称'),
  role: z.enum(STAFF_ROLES, { message: `负责角色必须是 ${STAFF_ROLES.join('、')} 之一` }),
  limitDays: z.number({ message: '时限必须是数字（工作日）' }).int({ message: '时限必须是整数' }).min(1, { message: '时限至少 1 个工作日' }).max(60, { message: '时限最多 60 个工作日' }),
  /** What the applicant should prepare for this step (一次告知); may be empty. */
  prepare: z.string({ message: '所需材料说明必须是文字' }).trim().max(500, { message: '所需材料说明不能超过 500 个字' }).default(''),
  /** A 公示 step: progress on it may link the published 公示 notice. */
  publicity: z.boolean({ message: 'publicity 必须是 true 或 false' }).default(false),
});
export type CaseStepTemplateInput = z.input<typeof caseStepTemplateSchema>;
export type CaseStepTemplate = z.infer<typeof caseStepTemplateSchema>;

export const caseTypeInputSchema = z.object({
  name: text(30, '事项名称'),
  domain: z.enum(DOMAIN_CODES, { message: '领域不在 26 个试点领域之中' }),
  description: z.string({ message: '说明必须是文字' }).trim().max(500, { message: '说明不能超过 500 个字' }).default(''),
  active: z.boolean({ message: 'active 必须是 true 或 false' }).default(true),
  steps: z
    .array(caseStepTemplateSchema, { message: '环节必须是列表' })
    .min(2, { message: '至少 2 个环节' })
    .max(20, { message: '最多 20 个环节' })
    .refine((steps) => new Set(steps.map((s) => s.name)).size === steps.length, { message: '环节名称不能重复' }),
});
export type CaseTypeInput = z.input<typeof caseTypeInputSchema>;

export interface CaseStepTemplateDto {
  position: number;
  name: string;
  role: StaffRole;
  limitDays: number;
  prepare: string;
  publicity: boolean;
}

export interface CaseTypeDto {
  id: number;
  code: string;
  name: string;
  domain: Domain;
  description: string;
  active: boolean;
  steps: CaseStepTemplateDto[];
  /** Working days of all steps together. */
  totalLimitDays: number;
  updatedAt: string;
}

// ---- opening and moving a case -------------------------------------------------------------------

/** `POST /api/cases`: staff open a case for a resident, linked to their account or to be claimed by case number. */
export const openCaseSchema = z.object({
  caseTypeId: idSchema,
  /** The applicant's community, village or grid (inside the caller's scope). */
  regionId: idSchema,
  applicant: z.object({
    name: text(30, '申请人姓名'),
    idNumber: idNumberSchema.optional(),
    phone: mobileSchema,
    /** The resident's account, when staff know it (GET /api/staff/cases/residents); otherwise the resident claims it. */
    userId: idSchema.optional(),
  }),
  note: z.string({ message: '备注必须是文字' }).trim().max(500, { message: '备注不能超过 500 个字' }).optional(),
});
export type OpenCaseInput = z.input<typeof openCaseSchema>;

/** `POST /api/cases/:id/progress`: a note on the active step, by default also completing it. */
export const caseProgressSchema = z.object({
  /** The active step's position (1-based): progress on any other step is refused. */
  position: z.number({ message: '环节序号必须是数字' }).int({ message: '环节序号必须是整数' }).min(1, { message: '环节序号从 1 开始' }),
  note: text(500, '办理说明'),
  attachmentId: idSchema.optional(),
  /** On a 公示 step: the published 公示 notice. */
  noticeId: idSchema.optional(),
  /** false: record a note only, the step stays active. */
  complete: z.boolean({ message: 'complete 必须是 true 或 false' }).default(true),
});
export type CaseProgressInput = z.input<typeof caseProgressSchema>;

/** `POST /api/cases/:id/correction`: send back for 补正 with the missing materials and a deadline. */
export const caseCorrectionSchema = z.object({
  materials: z
    .array(text(50, '材料名称'), { message: '缺少的材料必须是列表' })
    .min(1, { message: '请列出至少 1 项需要补正的材料' })
    .max(20, { message: '最多 20 项材料' }),
  /** The last day to bring them (a future Beijing date). */
  dueOn: dateSchema,
  note: z.string({ message: '说明必须是文字' }).trim().max(500, { message: '说明不能超过 500 个字' }).optional(),
});
export type CaseCorrectionInput = z.input<typeof caseCorrectionSchema>;

/** `POST /api/cases/:id/resume`: the materials arrived; the active step's clock starts again. */
export const caseResumeSchema = z.object({
  note: z.string({ message: '说明必须是文字' }).trim().max(500, { message: '说明不能超过 500 个字' }).optional(),
});
export type CaseResumeInput = z.input<typeof caseResumeSchema>;

/** `POST /api/cases/:id/finish`: the result; a refusal says why. */
export const caseFinishSchema = z
  .object({
    result: z.enum(CASE_RESULTS, { message: '结果必须是 approved（准予）或 rejected（不予）' }),
    reason: z.string({ message: '理由必须是文字' }).trim().max(500, { message: '理由不能超过 500 个字' }).optional(),
  })
  .refine((v) => v.result !== 'rejected' || !!v.reason, { message: '不予办理时必须写明理由', path: ['reason'] });
export type CaseFinishInput = z.input<typeof caseFinishSchema>;

/** `POST /api/cases/claim`: a resident links a case opened at the office to their account. */
export const caseClaimSchema = z.object({
  caseNo: z
    .string({ message: '办件编号必须是文字' })
    .trim()
    .transform((s) => s.toUpperCase().replace(/\s+/g, ''))
    .refine((s) => CASE_NO_PATTERN.test(s), { message: '办件编号格式不对，应为 SB 开头的 16 位编号（见受理回执）' }),
  name: text(30, '申请人姓名'),
  phoneLast4: z.string({ message: '手机号后四位必须是文字' }).trim().regex(/^\d{4}$/, { message: '请输入登记手机号的后四位数字' }),
});
export type CaseClaimInput = z.input<typeof caseClaimSchema>;

/** `GET /api/staff/cases`: cases in the caller's scope. */
export const staffCaseQuerySchema = cursorQuerySchema.extend({
  status: z.enum(CASE_STATUSES, { message: `status 必须是 ${CASE_STATUSES.join('、')} 之一` }).optional(),
  /** Only cases whose active step is past its limit. */
  overdue: queryBoolean.optional(),
  regionId: idSchema.optional(),
  /** A case number or an applicant's name. */
  q: z.string().trim().max(30, { message: '搜索词不能超过 30 个字' }).optional(),
});
export type StaffCaseQuery = z.infer<typeof staffCaseQuerySchema>;

/** `GET /api/staff/cases/residents?regionId&q`: residents living in a region, to link a new case. */
export const caseResidentQuerySchema = z.object({
  regionId: idSchema,
  q: z.string().trim().max(30, { message: '搜索词不能超过 30 个字' }).optional(),
});
export type CaseResidentQuery = z.infer<typeof caseResidentQuerySchema>;

export const caseMineQuerySchema = cursorQuerySchema;

// ---- what the API returns ----------------------------------------------------------------------

/** When the active step is due, counted in working days. */
export interface CaseDueDto {
  /** Beijing date `YYYY-MM-DD`. */
  dueOn: string;
  /** The count ran into a year whose holidays are not announced yet (estimated on weekdays). */
  provisional: boolean;
  overdue: boolean;
  /** Working days past the limit (0 when not overdue). */
  overdueDays: number;
}

export interface CaseSummaryDto {
  id: number;
  caseNo: string;
  typeId: number;
  typeName: string;
  domain: Domain;
  status: CaseStatus;
  result: CaseResult | null;
  region: { id: number; name: string };
  /** Full to the applicant and to staff. */
  applicantName: string;
  /** The step being handled (null once finished). */
  currentStep: ({ position: number; name: string } & CaseDueDto) | null;
  stepCount: number;
  openedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface CaseStepDto {
  position: number;
  name: string;
  role: StaffRole;
  limitDays: number;
  prepare: string;
  publicity: boolean;
  state: CaseStepState;
  startedAt: string | null;
  completedAt: string | null;
  /** Active steps only. */
  due: CaseDueDto | null;
  /** A 公示 step's published notice. */
  notice: { id: number; title: string } | null;
}

export interface CaseEventDto {
  id: number;
  type: CaseEventType;
  position: number | null;
  stepName: string | null;
  note: string | null;
  materials: string[] | null;
  /** A correction's deadline. */
  dueOn: string | null;
  result: CaseResult | null;
  attachment: AttachmentDto | null;
  /** Staff show as their role and, to staff, their name; null for the system. */
  actor: { displayName: string; role: string } | null;
  createdAt: string;
}

export interface CaseDetailDto extends CaseSummaryDto {
  applicant: {
    name: string;
    idNumberMasked: string | null;
    phoneMasked: string;
    /** Linked to a resident account (opened for it, or claimed). */
    linked: boolean;
  };
  steps: CaseStepDto[];
  /** Newest first. */
  events: CaseEventDto[];
  correction: { materials: string[]; dueOn: string; requestedAt: string } | null;
  resultReason: string | null;
  /** After the active step: what comes next and when it is expected (一次告知). */
  nextStep: { position: number; name: string; prepare: string; expectedOn: string; provisional: boolean } | null;
  /** The caller may record progress, ask for 补正 and finish (staff covering the region). */
  canManage: boolean;
}

export interface CaseResidentDto {
  id: number;
  displayName: string;
  homeRegion: { id: number; name: string } | null;
}
