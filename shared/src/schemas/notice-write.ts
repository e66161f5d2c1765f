import { z } from 'zod';
import { DOMAIN_CODES } from '../enums/domains';
import { AUDIENCES, CHANNELS, DISCLOSURE_CATEGORIES, DISCLOSURE_METHODS, NOTICE_KINDS, NOTICE_STATUSES } from '../enums/notice';
import type { FieldIssue } from '../errors';
import { cursorQuerySchema, idSchema, queryBoolean, text } from './common';

/**
 * What staff send to write a notice: the eight standard elements (名称 title, 内容 body, 依据 basis,
 * 时限 timeLimit, 主体 publisher, 方式 method, 渠道 channels, 公开对象 audience) plus the catalogue
 * codes, region, numbers, validity, 公示 period, flags, 办事指南 fields and attachments.
 * Times are ISO 8601 with an offset. Rules between fields live in `noticeConsistencyIssues`, which the
 * server applies again to a PATCH merged onto the stored notice.
 */

/** Longest body accepted (characters of HTML); it is sanitised on the server before storing. */
export const NOTICE_BODY_MAX = 100_000;

const time = (label: string) =>
  z.iso.datetime({ offset: true, message: `${label}必须是带时区的时间，例如 2026-11-23T00:00:00+08:00` });

/** Optional short text: '' and null both mean "none". */
const optionalText = (max: number, label: string) =>
  z
    .string({ message: `${label}必须是文字` })
    .trim()
    .refine((s) => [...s].length <= max, { message: `${label}不能超过 ${max} 个字` })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

/** 办事指南: 办理条件, 所需材料, 办理流程, 办理地点和时间, 咨询电话, 监督举报电话. */
export const noticeGuideSchema = z
  .object({
    /** 办理条件 */
    conditions: text(2000, '办理条件'),
    /** 所需材料, one per entry */
    materials: z.array(text(200, '所需材料'), { message: '所需材料必须是列表' }).min(1, { message: '至少列出一项所需材料' }).max(50, { message: '所需材料最多 50 项' }),
    /** 办理流程, one step per entry */
    steps: z.array(text(500, '办理流程'), { message: '办理流程必须是列表' }).min(1, { message: '至少列出一个办理步骤' }).max(30, { message: '办理流程最多 30 步' }),
    /** 办理地点和时间 */
    placeAndTime: text(500, '办理地点和时间'),
    /** 咨询电话 */
    consultPhone: text(50, '咨询电话'),
    /** 监督举报电话 */
    complaintPhone: text(50, '监督举报电话'),
  })
  .strict();
export type NoticeGuideInput = z.infer<typeof noticeGuideSchema>;

export const noticeFieldsSchema = z
  .object({
    /** 名称 */
    title: text(120, '名称'),
    /** 内容: HTML; tags outside the allowlist, attributes and scripts are removed on the server. */
    body: z
      .string({ message: '内容必须是文字' })
      .refine((s) => s.trim().length > 0, { message: '内容不能为空' })
      .refine((s) => s.length <= NOTICE_BODY_MAX, { message: `内容不能超过 ${NOTICE_BODY_MAX} 个字符` }),
    /** 依据 */
    basis: text(2000, '依据'),
    /** 时限 */
    timeLimit: text(100, '时限'),
    /** 主体 */
    publisher: text(100, '主体'),
    /** 方式 */
    method: z.enum(DISCLOSURE_METHODS, { message: '公开方式必须是 active（主动公开）或 on_application（依申请公开）' }),
    /** 渠道 */
    channels: z
      .array(z.enum(CHANNELS, { message: `公开渠道无效，可选：${CHANNELS.join('、')}` }), { message: '公开渠道必须是列表' })
      .min(1, { message: '至少选择一个公开渠道' })
      .refine(unique, { message: '公开渠道不能重复' }),
    /** 公开对象 */
    audience: z.enum(AUDIENCES, { message: '公开对象必须是 public（全社会）或 specific_group（特定群体）' }),
    domain: z.enum(DOMAIN_CODES, { message: '领域无效，请从目录（GET /api/catalog）中选择' }),
    /** 五公开 */
    category: z.enum(DISCLOSURE_CATEGORIES, { message: '五公开类别必须是 decision、execution、management、service 或 result' }),
    kind: z.enum(NOTICE_KINDS, { message: '公告类别无效，请从目录（GET /api/catalog）中选择' }),
    regionId: idSchema,
    /** 文号 */
    docNo: optionalText(100, '文号'),
    /** 索引号 */
    indexNo: optionalText(100, '索引号'),
    validFrom: time('生效时间').nullable().optional(),
    validUntil: time('失效时间').nullable().optional(),
    /** The 政策解读 notice explaining this one. */
    interpretationId: idSchema.nullable().optional(),
    publicityStartsAt: time('公示开始时间').nullable().optional(),
    publicityEndsAt: time('公示结束时间').nullable().optional(),
    pinned: z.boolean({ message: '置顶必须是 true 或 false' }).optional(),
    urgent: z.boolean({ message: '紧急必须是 true 或 false' }).optional(),
    /** Required for 办事指南 (kind service_guide), absent or null otherwise. */
    guide: noticeGuideSchema.nullable().optional(),
    /** Uploaded photos/documents (ids from the uploads API) in display order. */
    attachmentIds: z
      .array(idSchema, { message: '附件必须是编号列表' })
      .max(20, { message: '附件最多 20 个' })
      .refine(unique, { message: '附件不能重复' })
      .optional(),
    /** A 公示 list imported from xlsx; null removes it. */
    tableId: idSchema.nullable().optional(),
  })
  .strict();

/** The fields the cross-field rules look at, as given or as stored. */
export interface NoticeConsistencyInput {
  kind?: string;
  validFrom?: string | Date | null;
  validUntil?: string | Date | null;
  publicityStartsAt?: string | Date | null;
  publicityEndsAt?: string | Date | null;
  guide?: unknown;
}

const ms = (v: string | Date | null | undefined) => (v === null || v === undefined ? null : new Date(v).getTime());

/** Rules between fields: a 公示 needs its period (end after start), a 办事指南 its guide, validity in order. */
export function noticeConsistencyIssues(v: NoticeConsistencyInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const start = ms(v.publicityStartsAt);
  const end = ms(v.publicityEndsAt);
  if (v.kind === 'publicity') {
    if (start === null) issues.push({ path: 'publicityStartsAt', reason: '公示必须填写公示开始时间' });
    if (end === null) issues.push({ path: 'publicityEndsAt', reason: '公示必须填写公示结束时间' });
  }
  if (start !== null && end !== null && end <= start) issues.push({ path: 'publicityEndsAt', reason: '公示结束时间必须晚于开始时间' });
  const from = ms(v.validFrom);
  const until = ms(v.validUntil);
  if (from !== null && until !== null && until <= from) issues.push({ path: 'validUntil', reason: '失效时间必须晚于生效时间' });
  if (v.kind === 'service_guide' && !v.guide) issues.push({ path: 'guide', reason: '办事指南必须填写办理条件、所需材料、办理流程、办理地点和时间、咨询电话和监督举报电话' });
  if (v.kind !== undefined && v.kind !== 'service_guide' && v.guide) issues.push({ path: 'guide', reason: '只有办事指南（service_guide）可以填写办事指南信息' });
  return issues;
}

/** `POST /api/notices`: a new draft. */
export const createNoticeSchema = noticeFieldsSchema.superRefine((v, ctx) => {
  for (const issue of noticeConsistencyIssues(v)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.reason });
});
export type CreateNoticeInput = z.infer<typeof createNoticeSchema>;

/** `PATCH /api/notices/:id`: the fields to change (null clears an optional one). */
export const updateNoticeSchema = noticeFieldsSchema
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });
export type UpdateNoticeInput = z.infer<typeof updateNoticeSchema>;

/** `POST /api/notices/:id/approve`: the reviewer confirms the confidentiality check (保密审查). */
export const approveNoticeSchema = z
  .object({
    confidentialityChecked: z.literal(true, { message: '请先完成保密审查，并确认 confidentialityChecked 为 true' }),
    note: optionalText(500, '审核意见'),
  })
  .strict();
export type ApproveNoticeInput = z.infer<typeof approveNoticeSchema>;

/** `POST /api/notices/:id/reject`: back to the author with a reason they will read. */
export const rejectNoticeSchema = z.object({ reason: text(500, '退回理由') }).strict();
export type RejectNoticeInput = z.infer<typeof rejectNoticeSchema>;

/** `POST /api/notices/:id/withdraw`: a published notice taken down, with the reason. */
export const withdrawNoticeSchema = z.object({ reason: text(500, '撤回理由') }).strict();
export type WithdrawNoticeInput = z.infer<typeof withdrawNoticeSchema>;

/**
 * `GET /api/staff/notices`: notices inside the caller's scope, newest first. `status=pending_review`
 * is the review queue (it also lists published notices with a correction waiting for review);
 * `mine=true` keeps the caller's own.
 */
export const staffNoticesQuerySchema = cursorQuerySchema.extend({
  status: z.enum(NOTICE_STATUSES, { message: `状态无效，可选：${NOTICE_STATUSES.join('、')}` }).optional(),
  mine: queryBoolean.optional(),
});
export type StaffNoticesQuery = z.infer<typeof staffNoticesQuerySchema>;
