import { z } from 'zod';
import { cursorQuerySchema, idSchema, queryBoolean, refuseUnmaskedPersonalData, text } from './common';

/**
 * 好差评: residents rate a notice (a 办事指南 is a notice of kind service_guide), a finished case or a
 * concluded consultation; the two lowest levels (差评) open a follow-up that staff must verify, answer
 * and have the resident confirm (回访) within a number of working days (domain.md, "Satisfaction").
 */

export const RATING_TARGET_TYPES = ['notice', 'case', 'consultation'] as const;
export type RatingTargetType = (typeof RATING_TARGET_TYPES)[number];
export const RATING_TARGET_TYPE_LABELS: Record<RatingTargetType, string> = {
  notice: '公告',
  case: '办件',
  consultation: '征求意见',
};

/** Five levels, 5 = 非常满意 … 1 = 非常不满意; 1 and 2 are 差评. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};
/** Levels counted as satisfied in a satisfaction rate (满意率 = 非常满意 + 满意 + 基本满意). */
export const SATISFIED_MIN_LEVEL = 3;
/** Levels that open a follow-up. */
export const isBadRating = (level: number): boolean => level <= 2;

/** Calendar days during which a resident may change their rating. */
export const RATING_CHANGE_DAYS = 7;
/** Default working days for a 差评 follow-up (env RATING_FOLLOWUP_WORKING_DAYS, 5–15). */
export const FOLLOWUP_DEFAULT_WORKING_DAYS = 5;

export const RATING_TAGS = [
  'clear_info',
  'efficient',
  'good_attitude',
  'timely',
  'unclear_info',
  'slow',
  'poor_attitude',
  'outdated',
  'other',
] as const;
export type RatingTag = (typeof RATING_TAGS)[number];
export const RATING_TAG_LABELS: Record<RatingTag, string> = {
  clear_info: '信息清楚',
  efficient: '办事效率高',
  good_attitude: '服务态度好',
  timely: '内容及时',
  unclear_info: '信息不清楚',
  slow: '办事效率低',
  poor_attitude: '服务态度差',
  outdated: '内容不及时',
  other: '其他',
};
/** The tags offered with a good (≥ 3) and a bad (≤ 2) level; any tag is accepted with any level. */
export const RATING_TAGS_GOOD: readonly RatingTag[] = ['clear_info', 'efficient', 'good_attitude', 'timely'];
export const RATING_TAGS_BAD: readonly RatingTag[] = ['unclear_info', 'slow', 'poor_attitude', 'outdated', 'other'];

export const RATING_COMMENT_MAX_CHARS = 500;

const targetTypeSchema = z.enum(RATING_TARGET_TYPES, { message: '评价对象只能是 notice、case 或 consultation' });

/** `PUT /api/ratings`: rate a target, or change one's rating within RATING_CHANGE_DAYS. */
export const rateSchema = z
  .object({
    targetType: targetTypeSchema,
    targetId: idSchema,
    level: z
      .number({ message: '评价等级必须是 1 到 5 的整数' })
      .int({ message: '评价等级必须是 1 到 5 的整数' })
      .min(1, { message: '评价等级只有 1 到 5 五级' })
      .max(5, { message: '评价等级只有 1 到 5 五级' }),
    tags: z
      .array(z.enum(RATING_TAGS, { message: '标签不在可选范围内' }), { message: '标签必须是列表' })
      .max(5, { message: '最多选 5 个标签' })
      .refine((t) => new Set(t).size === t.length, { message: '标签不能重复' })
      .default([]),
    comment: z
      .string({ message: '评价内容必须是文字' })
      .trim()
      .refine((s) => [...s].length <= RATING_COMMENT_MAX_CHARS, { message: `评价内容不能超过 ${RATING_COMMENT_MAX_CHARS} 个字` })
      .superRefine(refuseUnmaskedPersonalData('评价内容'))
      .optional(),
  })
  .strict();
export type RateInput = z.input<typeof rateSchema>;

/** `GET /api/ratings/target?targetType=&targetId=`: the summary and the caller's own rating. */
export const ratingTargetQuerySchema = z.object({ targetType: targetTypeSchema, targetId: idSchema });
export type RatingTargetQuery = z.infer<typeof ratingTargetQuerySchema>;

export const FOLLOWUP_STATUSES = ['open', 'replied', 'closed'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
export const FOLLOWUP_STATUS_LABELS: Record<FollowupStatus, string> = {
  open: '待核实答复',
  replied: '已答复，待回访',
  closed: '已办结',
};

/** How a closed follow-up ended. */
export const FOLLOWUP_OUTCOMES = ['satisfied', 'unsatisfied', 'no_response', 'appeal_upheld'] as const;
export type FollowupOutcome = (typeof FOLLOWUP_OUTCOMES)[number];
export const FOLLOWUP_OUTCOME_LABELS: Record<FollowupOutcome, string> = {
  satisfied: '回访满意',
  unsatisfied: '回访不满意',
  no_response: '居民未确认',
  appeal_upheld: '申诉成立（不计入差评）',
};

export const APPEAL_STATUSES = ['none', 'pending', 'upheld', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  none: '未申诉',
  pending: '申诉审核中',
  upheld: '申诉成立',
  rejected: '申诉不成立',
};

/** `GET /api/ratings/mine` (cursor pages, newest first). */
export const myRatingsQuerySchema = cursorQuerySchema;

/** `GET /api/staff/followups?status=&overdue=`: follow-ups in the caller's regions, oldest due first. */
export const staffFollowupQuerySchema = cursorQuerySchema.extend({
  status: z.enum(FOLLOWUP_STATUSES, { message: '状态只能是 open、replied 或 closed' }).optional(),
  overdue: queryBoolean.optional(),
  regionId: idSchema.optional(),
  /** Only follow-ups whose appeal is in this state (`pending`: appeals waiting for a decision). */
  appeal: z.enum(APPEAL_STATUSES, { message: '申诉状态只能是 none、pending、upheld 或 rejected' }).optional(),
});
export type StaffFollowupQuery = z.infer<typeof staffFollowupQuerySchema>;

/** `POST /api/followups/:id/reply`: the owner verified (核实), answers the resident and records what was fixed. */
export const followupReplySchema = z
  .object({
    verification: text(500, '核实情况'),
    reply: text(500, '答复内容'),
    fixed: z.string({ message: '整改情况必须是文字' }).trim().max(500, { message: '整改情况不能超过 500 个字' }).default(''),
  })
  .strict();
export type FollowupReplyInput = z.input<typeof followupReplySchema>;

/** `POST /api/followups/:id/confirm`: the rater's 回访 answer to a reply. */
export const followupConfirmSchema = z
  .object({
    satisfied: z.boolean({ message: 'satisfied 必须是 true 或 false' }),
    note: z.string({ message: '说明必须是文字' }).trim().max(200, { message: '说明不能超过 200 个字' }).optional(),
  })
  .strict();
export type FollowupConfirmInput = z.input<typeof followupConfirmSchema>;

/** `POST /api/followups/:id/appeal`: staff contest a mistaken or malicious rating. */
export const followupAppealSchema = z.object({ reason: text(500, '申诉理由') }).strict();
export type FollowupAppealInput = z.input<typeof followupAppealSchema>;

/** `POST /api/followups/:id/appeal/decision`: a reviewer above the owner's region (or an admin) decides. */
export const followupAppealDecisionSchema = z
  .object({
    upheld: z.boolean({ message: 'upheld 必须是 true 或 false' }),
    note: text(500, '审核意见'),
  })
  .strict();
export type FollowupAppealDecisionInput = z.input<typeof followupAppealDecisionSchema>;

// ---- what the server returns ---------------------------------------------------------------------

export interface RatingTargetRefDto {
  type: RatingTargetType;
  id: number;
  /** The notice or consultation title, or "低保申请 SB2026…" for a case. */
  title: string;
  /** A notice's kind label (办事指南, 公示 …), 办件 or 征求意见. */
  label: string;
  regionId: number;
  regionName: string;
}

export interface FollowupDto {
  id: number;
  ratingId: number;
  status: FollowupStatus;
  statusLabel: string;
  outcome: FollowupOutcome | null;
  /** The owner's region (the target's region). */
  regionId: number;
  regionName: string;
  /** Business date (YYYY-MM-DD, Beijing) by which the owner must reply. */
  dueOn: string;
  /** The due date lies in a year whose holidays are not yet published. */
  provisional: boolean;
  overdue: boolean;
  overdueDays: number;
  /** Set once the overdue follow-up was escalated to the reviewers of the region above. */
  escalatedAt: string | null;
  escalatedToRegionName: string | null;
  verification: string | null;
  reply: string | null;
  fixed: string | null;
  repliedAt: string | null;
  /** The replier's display name (staff), or null. */
  replierName: string | null;
  confirmedAt: string | null;
  confirmNote: string | null;
  appealStatus: AppealStatus;
  appealReason: string | null;
  appealNote: string | null;
  createdAt: string;
  closedAt: string | null;
}

export interface RatingDto {
  id: number;
  target: RatingTargetRefDto;
  level: RatingLevel;
  levelLabel: string;
  tags: RatingTag[];
  comment: string | null;
  /** A comment held by the content check is kept but shown to staff only. */
  commentHeld: boolean;
  createdAt: string;
  updatedAt: string;
  /** Until when the rater may still change it. */
  changeableUntil: string;
  followup: FollowupDto | null;
}

/** A follow-up as staff see it: the rating, the target, and the rater's masked name (张*). */
export interface StaffFollowupDto extends FollowupDto {
  rating: Omit<RatingDto, 'followup'>;
  raterName: string;
  /** What the caller may do now (reply: open and theirs; appeal: theirs and not yet appealed; decide: a pending appeal they review). */
  canReply?: boolean;
  canAppeal?: boolean;
  canDecideAppeal?: boolean;
}

export interface RatingSummaryDto {
  targetType: RatingTargetType;
  targetId: number;
  total: number;
  /** Count per level, keys '5'…'1'. */
  byLevel: Record<`${RatingLevel}`, number>;
  /** Satisfied share 0–1 (levels ≥ 3), null when nobody rated. */
  satisfactionRate: number | null;
  /** Whether the target can be rated now (a case must be finished, a consultation concluded). */
  rateable: boolean;
  /** Why not, in Chinese, when not rateable. */
  notRateableReason: string | null;
  /** The caller's own rating of this target, or null (always null for anonymous callers). */
  mine: RatingDto | null;
}
