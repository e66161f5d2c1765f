import {
  ADOPTION_LABELS,
  type Adoption,
  type CommentDto,
  COMMENT_MAX_CHARS,
  COMMENT_MIN_CHARS,
  type ConsultationStatus,
  createCommentSchema,
  type CreateCommentInput,
} from '@sunboard/shared';

/** Pure logic of the 征求意见 pages: countdowns, badges, the comment form's check, answer labels. */

export type ConsultationTone = 'info' | 'ok' | 'warn' | 'muted';

/** Status word and tone: the word carries the meaning, the colour only repeats it. */
export function statusBadge(status: ConsultationStatus): { text: string; tone: ConsultationTone } {
  switch (status) {
    case 'open':
      return { text: '征求意见中', tone: 'info' };
    case 'upcoming':
      return { text: '即将开始', tone: 'warn' };
    case 'closed':
      return { text: '已截止，正在答复', tone: 'muted' };
    default:
      return { text: '已公布采纳情况', tone: 'ok' };
  }
}

/**
 * The countdown on a card: 还剩 3 天 / 还剩 5 小时 / 还剩 20 分钟 while open, 距开始 2 天 before it
 * opens, '' after. Whole units, rounded down (never promise more time than there is).
 */
export function countdownText(c: { status: ConsultationStatus; opensAt: string; closesAt: string }, now: number = Date.now()): string {
  const target = c.status === 'open' ? Date.parse(c.closesAt) : c.status === 'upcoming' ? Date.parse(c.opensAt) : NaN;
  if (!Number.isFinite(target)) return '';
  const ms = target - now;
  const prefix = c.status === 'open' ? '还剩' : '距开始还有';
  if (ms <= 0) return c.status === 'open' ? '即将截止' : '即将开始';
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return `${prefix} ${days} 天`;
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${prefix} ${hours} 小时`;
  return `${prefix} ${Math.max(1, Math.floor(ms / 60_000))} 分钟`;
}

/** True when fewer than 24 hours are left (the card then stresses the countdown in words too). */
export function closingSoon(c: { status: ConsultationStatus; closesAt: string }, now: number = Date.now()): boolean {
  return c.status === 'open' && Date.parse(c.closesAt) - now < 86_400_000;
}

/** Characters as the server counts them (code points). */
export function charCount(s: string): number {
  return [...s.trim()].length;
}

/** 还可输入 N 字 / 还差 N 字 under the comment box. */
export function charHint(s: string): string {
  const n = charCount(s);
  if (n < COMMENT_MIN_CHARS) return `至少 ${COMMENT_MIN_CHARS} 个字，还差 ${COMMENT_MIN_CHARS - n} 个字`;
  if (n > COMMENT_MAX_CHARS) return `超出 ${n - COMMENT_MAX_CHARS} 个字，最多 ${COMMENT_MAX_CHARS} 个字`;
  return `还可输入 ${COMMENT_MAX_CHARS - n} 个字`;
}

/** The comment form checked with the server's schema: the input, or the reason to show under the box. */
export function validateComment(body: string, paragraphId: number | null): { ok: true; input: CreateCommentInput } | { ok: false; error: string } {
  const parsed = createCommentSchema.safeParse({ body, ...(paragraphId ? { paragraphId } : {}) });
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? '意见内容有误' };
}

/** What a comment shows instead of its text when a reviewer hid it. */
export const HIDDEN_PLACEHOLDER = '该意见已隐藏';

export function commentText(c: Pick<CommentDto, 'status' | 'body' | 'hiddenReason'>): string {
  if (c.status === 'hidden' || c.body === null) return c.hiddenReason ? `${HIDDEN_PLACEHOLDER}（${c.hiddenReason}）` : HIDDEN_PLACEHOLDER;
  return c.body;
}

/** The answer line in 我的意见: 采纳：理由 / 待答复 / 审核中. */
export function answerLine(c: Pick<CommentDto, 'status' | 'adoption' | 'adoptionReason'>): string {
  if (c.adoption) return `${ADOPTION_LABELS[c.adoption]}${c.adoptionReason ? `：${c.adoptionReason}` : ''}`;
  if (c.status === 'pending') return '审核中，通过后公开显示';
  return '征求意见截止后，工作人员会逐条答复';
}

export function adoptionTone(a: Adoption | null): ConsultationTone {
  if (a === 'adopted') return 'ok';
  if (a === 'partly') return 'info';
  if (a === 'not_adopted') return 'muted';
  return 'warn';
}

/** The paragraph's label on its card and in the form's choice: 第三条, or 第 2 段 for an unnumbered one. */
export function paragraphLabel(p: { heading: string; position: number }): string {
  return p.heading || `第 ${p.position} 段`;
}
