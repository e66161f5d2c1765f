import { z } from 'zod';
import { DOMAIN_CODES, type Domain } from '../enums/domains';
import { cursorQuerySchema, idSchema, refuseUnmaskedPersonalData, text } from './common';
import type { AttachmentDto } from './uploads';

/**
 * 征求意见: a draft decision open for residents' comments for a period, then answered comment by
 * comment and concluded with an adoption report (a notice of kind 征求意见结果).
 */

/** The kinds of draft and their minimum periods (domain.md, "Consultations"). */
export const CONSULTATION_TYPES = ['major_decision', 'normative_document', 'village_affairs'] as const;
export type ConsultationType = (typeof CONSULTATION_TYPES)[number];
export const CONSULTATION_TYPE_LABELS: Record<ConsultationType, string> = {
  major_decision: '重大行政决策',
  normative_document: '规范性文件',
  village_affairs: '村(居)务事项',
};
/** The rule each type's minimum period follows, as staff read it in an error. */
export const CONSULTATION_PERIOD_RULES: Record<ConsultationType, string> = {
  major_decision: '重大行政决策草案征求意见时间不少于 30 日',
  normative_document: '规范性文件草案征求意见时间不少于 7 个工作日',
  village_affairs: '村(居)务事项没有最短征求意见时间',
};

/** Derived from the clock at read time; `concluded` once the adoption report is published. */
export const CONSULTATION_STATUSES = ['upcoming', 'open', 'closed', 'concluded'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export const CONSULTATION_STATUS_LABELS: Record<ConsultationStatus, string> = {
  upcoming: '即将开始',
  open: '征求意见中',
  closed: '已截止',
  concluded: '已公布采纳情况',
};

export const COMMENT_STATUSES = ['pending', 'visible', 'hidden'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export const COMMENT_STATUS_LABELS: Record<CommentStatus, string> = { pending: '待审核', visible: '已公开', hidden: '已隐藏' };

/** Why a comment waits for a reviewer. */
export const COMMENT_HOLD_REASONS = ['sec_review', 'pre_moderation', 'reports', 'check_unavailable'] as const;
export type CommentHoldReason = (typeof COMMENT_HOLD_REASONS)[number];
export const COMMENT_HOLD_REASON_LABELS: Record<CommentHoldReason, string> = {
  sec_review: '内容安全检查建议人工审核',
  pre_moderation: '本次征求意见先审后公开',
  reports: '被 3 位居民举报',
  check_unavailable: '内容安全检查暂不可用',
};

export const ADOPTIONS = ['adopted', 'partly', 'not_adopted'] as const;
export type Adoption = (typeof ADOPTIONS)[number];
export const ADOPTION_LABELS: Record<Adoption, string> = { adopted: '采纳', partly: '部分采纳', not_adopted: '未采纳' };

/** Comment length in characters (code points). */
export const COMMENT_MIN_CHARS = 5;
export const COMMENT_MAX_CHARS = 1000;
/** Reports that hold a visible comment for review. */
export const COMMENT_REPORTS_TO_HOLD = 3;

// ---- the draft split into articles ---------------------------------------------------------------

export interface DraftParagraph {
  /** 第三条, 3., （三） …; '' for a lead-in paragraph before the first numbered one. */
  heading: string;
  body: string;
}

const CN_NUM = '零〇一二两三四五六七八九十百千';
/** A line that starts a numbered article: 第X条/章/款, "3." "3、" "(3)" "（三）" "三、". */
const ARTICLE_START = new RegExp(
  [
    `^(第[${CN_NUM}\\d]+[条章节款])[\\s　:：]*`,
    `^(\\d{1,3}[.．、](?!\\d))\\s*`,
    `^([(（][${CN_NUM}\\d]{1,4}[)）])\\s*`,
    `^([${CN_NUM}]{1,4}、)\\s*`,
  ].join('|'),
);

/**
 * Splits pasted draft text into paragraphs: a new one starts at each line beginning with 第X条 (Chinese
 * or Arabic numerals, also 章/节/款) or a numbered line (`1.` `1、` `(1)` `（一）` `一、`). Lines that
 * continue an article are joined to it with a newline; text before the first numbered line is a lead-in
 * paragraph with an empty heading. Without any numbered line, blank lines separate paragraphs.
 */
export function splitDraft(raw: string): DraftParagraph[] {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/^[\s　]+|[\s　]+$/g, ''));
  const numbered = lines.some((l) => ARTICLE_START.test(l));
  const out: DraftParagraph[] = [];
  if (!numbered) {
    let current: string[] = [];
    const flush = () => {
      if (current.length) out.push({ heading: '', body: current.join('\n') });
      current = [];
    };
    for (const line of lines) {
      if (!line) flush();
      else current.push(line);
    }
    flush();
    return out;
  }
  let current: DraftParagraph | null = null;
  const lead: string[] = [];
  for (const line of lines) {
    if (!line) continue;
    const m = ARTICLE_START.exec(line);
    if (m) {
      if (current) out.push(current);
      const heading = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
      current = { heading, body: line.slice(m[0].length).trim() };
    } else if (current) {
      current.body = current.body ? `${current.body}\n${line}` : line;
    } else {
      lead.push(line);
    }
  }
  if (current) out.push(current);
  if (lead.length) out.unshift({ heading: '', body: lead.join('\n') });
  return out.filter((p) => p.heading || p.body);
}

// ---- writing a consultation (staff) ----------------------------------------------------------------

const instant = (label: string) => z.iso.datetime({ offset: true, message: `${label}必须是带时区的时间，例如 2026-12-01T09:00:00+08:00` });

export const draftParagraphSchema = z.object({
  heading: z.string({ message: '条款编号必须是文字' }).trim().max(20, { message: '条款编号不能超过 20 个字' }).default(''),
  body: text(5000, '条款内容'),
});

const consultationFields = {
  title: text(120, '标题'),
  summary: text(2000, '说明'),
  basis: text(1000, '依据'),
  /** 主体: who consults (it also publishes the adoption report). */
  publisher: text(100, '发布主体'),
  contact: text(100, '联系方式'),
  type: z.enum(CONSULTATION_TYPES, { message: `类型必须是 ${CONSULTATION_TYPES.join('、')} 之一` }),
  domain: z.enum(DOMAIN_CODES, { message: '领域不在 26 个试点领域之中' }),
  regionId: idSchema,
  opensAt: instant('开始时间'),
  closesAt: instant('截止时间'),
  /** Anyone logged in may comment, not only residents of the region. */
  openToAll: z.boolean({ message: 'openToAll 必须是 true 或 false' }).default(false),
  /** Every comment waits for a reviewer before it is shown (先审后公开). */
  preModeration: z.boolean({ message: 'preModeration 必须是 true 或 false' }).default(false),
  /** Comments are shown to staff only. */
  privateComments: z.boolean({ message: 'privateComments 必须是 true 或 false' }).default(false),
  attachmentIds: z.array(idSchema, { message: '附件必须是编号列表' }).max(10, { message: '最多 10 个附件' }).default([]),
};

/** Either the pasted text (split by `splitDraft`) or the paragraphs as staff adjusted them. */
const draftFields = {
  draftText: z.string({ message: '草案全文必须是文字' }).trim().max(50000, { message: '草案全文不能超过 50000 个字' }).optional(),
  paragraphs: z.array(draftParagraphSchema, { message: '条款必须是列表' }).min(1, { message: '至少 1 条' }).max(300, { message: '最多 300 条' }).optional(),
};

function periodOrder<T extends { opensAt?: string; closesAt?: string }>(v: T, ctx: z.RefinementCtx) {
  if (v.opensAt && v.closesAt && Date.parse(v.closesAt) <= Date.parse(v.opensAt)) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '截止时间必须晚于开始时间' });
  }
}

export const createConsultationSchema = z
  .object({ ...consultationFields, ...draftFields })
  .superRefine((v, ctx) => {
    periodOrder(v, ctx);
    if (!v.paragraphs && !v.draftText) ctx.addIssue({ code: 'custom', path: ['draftText'], message: '请粘贴草案全文或填写条款' });
  });
export type CreateConsultationInput = z.infer<typeof createConsultationSchema>;

/** `PATCH /api/consultations/:id`: before it opens only. */
export const updateConsultationSchema = z
  .object({
    title: consultationFields.title.optional(),
    summary: consultationFields.summary.optional(),
    basis: consultationFields.basis.optional(),
    publisher: consultationFields.publisher.optional(),
    contact: consultationFields.contact.optional(),
    type: consultationFields.type.optional(),
    domain: consultationFields.domain.optional(),
    opensAt: consultationFields.opensAt.optional(),
    closesAt: consultationFields.closesAt.optional(),
    openToAll: z.boolean({ message: 'openToAll 必须是 true 或 false' }).optional(),
    preModeration: z.boolean({ message: 'preModeration 必须是 true 或 false' }).optional(),
    privateComments: z.boolean({ message: 'privateComments 必须是 true 或 false' }).optional(),
    attachmentIds: z.array(idSchema, { message: '附件必须是编号列表' }).max(10, { message: '最多 10 个附件' }).optional(),
    ...draftFields,
  })
  .superRefine(periodOrder);
export type UpdateConsultationInput = z.infer<typeof updateConsultationSchema>;

export const consultationListQuerySchema = cursorQuerySchema.extend({
  /** Consultations covering this region (it or a region above it); default the caller's home region. */
  regionId: idSchema.optional(),
});
export type ConsultationListQuery = z.infer<typeof consultationListQuerySchema>;

export const staffConsultationListQuerySchema = cursorQuerySchema;

// ---- comments ----------------------------------------------------------------------------------------

const commentBody = z
  .string({ message: '意见内容必须是文字' })
  .trim()
  .refine((s) => [...s].length >= COMMENT_MIN_CHARS, { message: `意见至少 ${COMMENT_MIN_CHARS} 个字` })
  .refine((s) => [...s].length <= COMMENT_MAX_CHARS, { message: `意见不能超过 ${COMMENT_MAX_CHARS} 个字` })
  .superRefine(refuseUnmaskedPersonalData('意见'));

/** `POST /api/consultations/:id/comments`: on the whole draft (no paragraphId) or one paragraph. */
export const createCommentSchema = z.object({
  paragraphId: idSchema.optional(),
  body: commentBody,
});
export type CreateCommentInput = z.infer<typeof createCommentSchema>;

/** `POST /api/consultations/:id/proxy-comments`: 代录 by a grid worker for a resident without a smartphone. */
export const createProxyCommentSchema = createCommentSchema.extend({
  residentName: text(30, '居民姓名'),
  residentPhone: z
    .string({ message: '联系电话必须是文字' })
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: '联系电话应为 11 位手机号或带区号的固定电话' }),
});
export type CreateProxyCommentInput = z.infer<typeof createProxyCommentSchema>;

export const commentListQuerySchema = cursorQuerySchema.extend({
  /** Only comments on this paragraph; `0` for comments on the whole draft. */
  paragraphId: z.coerce.number({ message: '条款编号必须是数字' }).int({ message: '条款编号必须是整数' }).min(0, { message: '条款编号不能为负' }).optional(),
});
export type CommentListQuery = z.infer<typeof commentListQuerySchema>;

export const reportCommentSchema = z.object({
  reason: z.string({ message: '举报理由必须是文字' }).trim().max(200, { message: '举报理由不能超过 200 个字' }).default(''),
});
export type ReportCommentInput = z.infer<typeof reportCommentSchema>;

export const MODERATION_ACTIONS = ['approve', 'hide', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const moderateCommentSchema = z
  .object({
    action: z.enum(MODERATION_ACTIONS, { message: '操作必须是 approve（通过）、hide（隐藏）或 restore（恢复）' }),
    reason: z.string({ message: '理由必须是文字' }).trim().max(200, { message: '理由不能超过 200 个字' }).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.action !== 'approve' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '隐藏或恢复意见时必须填写理由' });
  });
export type ModerateCommentInput = z.infer<typeof moderateCommentSchema>;

export const replyCommentSchema = z.object({ body: text(1000, '回复内容').superRefine(refuseUnmaskedPersonalData('回复内容')) });
export type ReplyCommentInput = z.infer<typeof replyCommentSchema>;

export const moderationQueueQuerySchema = cursorQuerySchema.extend({
  status: z.enum(COMMENT_STATUSES, { message: '状态必须是 pending、visible 或 hidden' }).default('pending'),
});
export type ModerationQueueQuery = z.infer<typeof moderationQueueQuerySchema>;

/** `POST /api/consultations/:id/answers`: answers for comments of this consultation, all or nothing. */
export const answerCommentsSchema = z.object({
  answers: z
    .array(
      z.object({
        commentId: idSchema,
        adoption: z.enum(ADOPTIONS, { message: '采纳情况必须是 adopted（采纳）、partly（部分采纳）或 not_adopted（未采纳）' }),
        reason: text(1000, '理由').superRefine(refuseUnmaskedPersonalData('理由')),
      }),
      { message: 'answers 必须是列表' },
    )
    .min(1, { message: '至少答复 1 条意见' })
    .max(200, { message: '一次最多答复 200 条意见' })
    .refine((a) => new Set(a.map((x) => x.commentId)).size === a.length, { message: '同一条意见不能在一次提交中答复两次' }),
});
export type AnswerCommentsInput = z.infer<typeof answerCommentsSchema>;

/** `POST /api/consultations/:id/conclude`: publish the adoption report. */
export const concludeConsultationSchema = z.object({
  /** What changed in the draft because of the comments. */
  changeSummary: text(5000, '修改情况说明').superRefine(refuseUnmaskedPersonalData('修改情况说明')),
});
export type ConcludeConsultationInput = z.infer<typeof concludeConsultationSchema>;

// ---- what the API answers ------------------------------------------------------------------------------

export interface ConsultationParagraphDto {
  id: number;
  position: number;
  heading: string;
  body: string;
  /** Comments shown on this paragraph (visible ones, and hidden ones as placeholders). */
  commentCount: number;
}

/** A file of the draft (readable by anyone, as the consultation is): the uploads' own shape, with its URLs. */
export type ConsultationAttachmentDto = AttachmentDto;

export interface ConsultationCardDto {
  id: number;
  title: string;
  type: ConsultationType;
  typeLabel: string;
  status: ConsultationStatus;
  statusLabel: string;
  regionId: number;
  regionName: string;
  opensAt: string;
  closesAt: string;
  commentCount: number;
}

export interface ConsultationDetailDto extends ConsultationCardDto {
  summary: string;
  basis: string;
  publisher: string;
  contact: string;
  domain: Domain;
  openToAll: boolean;
  preModeration: boolean;
  privateComments: boolean;
  paragraphs: ConsultationParagraphDto[];
  /** Comments on the whole draft rather than one paragraph. */
  generalCommentCount: number;
  attachments: ConsultationAttachmentDto[];
  /** The published 征求意见结果 notice. */
  resultNoticeId: number | null;
  concludedAt: string | null;
  changeSummary: string | null;
  /** For the caller: may comment now (logged in, in scope, open); why not otherwise. */
  canComment: boolean;
  cannotCommentReason: string | null;
  /** The caller follows it (a reminder 24 hours before it closes). */
  following: boolean;
  /** The caller is staff covering its region. */
  staff: boolean;
}

export interface CommentReplyDto {
  id: number;
  body: string;
  authorName: string;
  createdAt: string;
}

export interface CommentDto {
  id: number;
  consultationId: number;
  paragraphId: number | null;
  /** The paragraph's heading (第三条) or null for the whole draft. */
  paragraphHeading: string | null;
  /** null when hidden: the placeholder 该意见已隐藏 is shown instead. */
  body: string | null;
  status: CommentStatus;
  hiddenReason: string | null;
  /** 张* — or 居民（网格员代录） for a comment entered by a grid worker. */
  authorName: string;
  proxy: boolean;
  supportCount: number;
  supportedByMe: boolean;
  reportedByMe: boolean;
  mine: boolean;
  adoption: Adoption | null;
  adoptionReason: string | null;
  replies: CommentReplyDto[];
  createdAt: string;
}

/** A comment as staff see it: why it waits, the reports, and for 代录 the resident's name and masked contact. */
export interface StaffCommentDto extends CommentDto {
  consultationTitle: string;
  holdReason: CommentHoldReason | null;
  holdReasonLabel: string | null;
  reportCount: number;
  proxyResidentName: string | null;
  proxyResidentPhone: string | null;
  enteredByName: string | null;
  answeredAt: string | null;
}

/** `POST …/comments`: the comment, and whether it is shown now or waits for a reviewer. */
export interface CommentResultDto {
  comment: CommentDto;
  held: boolean;
  message: string;
}

/** One of the caller's comments in 我的意见, with the consultation it belongs to. */
export interface MyCommentDto extends CommentDto {
  consultationTitle: string;
  consultationStatus: ConsultationStatus;
  resultNoticeId: number | null;
}

export interface StaffConsultationCardDto extends ConsultationCardDto {
  pendingCount: number;
  unansweredCount: number;
}

export interface ConsultationCountsDto {
  total: number;
  visible: number;
  pending: number;
  hidden: number;
  proxy: number;
  adopted: number;
  partly: number;
  notAdopted: number;
  unanswered: number;
}
