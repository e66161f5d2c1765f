import { z } from 'zod';
import { cursorQuerySchema, idSchema } from './common';

/** Steps the publication register (发布登记) records. */
export const AUDIT_ACTIONS = ['create', 'edit', 'submit', 'approve', 'reject', 'publish', 'withdraw', 'correct', 'expire', 'case_open', 'case_claim', 'case_progress', 'case_note', 'case_correction', 'case_resume', 'case_finish', 'consult_create', 'consult_edit', 'comment_approve', 'comment_hide', 'comment_restore', 'comment_held', 'comment_answer', 'consult_conclude', 'rating_create', 'rating_change', 'followup_open', 'followup_reply', 'followup_confirm', 'followup_close', 'followup_overdue', 'followup_appeal', 'appeal_decide'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: '起草',
  edit: '修改',
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回修改',
  publish: '发布',
  withdraw: '撤回',
  correct: '更正',
  expire: '公示期满',
  case_open: '办件登记',
  case_claim: '居民认领办件',
  case_progress: '办件环节办结',
  case_note: '办件办理记录',
  case_correction: '通知补正',
  case_resume: '补正后继续办理',
  case_finish: '办件办结',
  consult_create: '发布征求意见',
  consult_edit: '修改征求意见',
  comment_approve: '意见审核通过',
  comment_hide: '隐藏意见',
  comment_restore: '恢复意见',
  comment_held: '意见因举报待审',
  comment_answer: '答复意见采纳情况',
  consult_conclude: '公布意见采纳情况',
  rating_create: '居民评价',
  rating_change: '居民修改评价',
  followup_open: '差评转核实整改',
  followup_reply: '差评核实答复',
  followup_confirm: '居民回访确认',
  followup_close: '差评回访办结',
  followup_overdue: '差评超期升级',
  followup_appeal: '差评申诉',
  appeal_decide: '差评申诉审核',
};

/** What a register row can be about. */
export const AUDIT_TARGET_TYPES = ['notice', 'case', 'consultation', 'rating', 'followup'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** `GET /api/audit?targetType=&targetId=`: the register of one item, oldest first. */
export const auditQuerySchema = cursorQuerySchema.extend({
  targetType: z.enum(AUDIT_TARGET_TYPES, { message: `targetType 必须是 ${AUDIT_TARGET_TYPES.join('、')}` }),
  targetId: idSchema,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One row of the append-only publication register. */
export interface AuditEntryDto {
  id: number;
  action: AuditAction;
  /** Who did it; null for the system (e.g. a 公示 period ending by itself). */
  actor: { id: number; displayName: string } | null;
  targetType: AuditTargetType;
  targetId: number;
  regionId: number | null;
  at: string;
  /** sha256 (hex) of the item's content before and after the step; equal when the step changed no content. */
  digestBefore: string | null;
  digestAfter: string | null;
  /** The reason or remark given with the step. */
  note: string | null;
}
