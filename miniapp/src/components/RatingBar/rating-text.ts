import {
  APPEAL_STATUS_LABELS,
  FOLLOWUP_OUTCOME_LABELS,
  FOLLOWUP_STATUS_LABELS,
  RATING_COMMENT_MAX_CHARS,
  RATING_LEVEL_LABELS,
  RATING_LEVELS,
  RATING_TAG_LABELS,
  RATING_TAGS_BAD,
  RATING_TAGS_GOOD,
  isBadRating,
  type FollowupDto,
  type RateInput,
  type RatingLevel,
  type RatingSummaryDto,
  type RatingTag,
  type RatingTargetType,
} from '@sunboard/shared';
import { formatDay, overdueText, PROVISIONAL_NOTE } from '../../lib/cases';
import { formatDateTime } from '../../lib/format';

/**
 * What the rating bar, 我的评价 and the staff follow-up pages say: levels and tags in words, rates as
 * percentages with one decimal, until when a rating may change, where a follow-up stands.
 */

export type RatingTone = 'info' | 'warn' | 'ok' | 'muted' | 'urgent';

/** The five choices, best first, each with its words; 差评 marked so the bar can say what follows. */
export const LEVEL_CHOICES: ReadonlyArray<{ level: RatingLevel; label: string; bad: boolean }> = RATING_LEVELS.map((level) => ({
  level,
  label: RATING_LEVEL_LABELS[level],
  bad: isBadRating(level),
}));

export const MAX_TAGS = 5;

/** Said under the choices once 不满意 or 非常不满意 is chosen. */
export const BAD_LEVEL_NOTE = '选择“不满意”或“非常不满意”后，工作人员会核实情况，在规定的工作日内答复您，并请您确认是否满意。';

export function levelLabel(level: number): string {
  return RATING_LEVEL_LABELS[level as RatingLevel] ?? `${level} 级`;
}

/** The tags offered with a level: praise with a good one, problems with a 差评; none before a level is chosen. */
export function tagOptions(level: RatingLevel | null): Array<{ value: RatingTag; label: string }> {
  if (level === null) return [];
  return (isBadRating(level) ? RATING_TAGS_BAD : RATING_TAGS_GOOD).map((t) => ({ value: t, label: RATING_TAG_LABELS[t] }));
}

/** The chosen tags that still fit the level (switching between good and bad drops the others). */
export function keepTags(tags: readonly RatingTag[], level: RatingLevel | null): RatingTag[] {
  const offered = new Set(tagOptions(level).map((o) => o.value));
  return tags.filter((t) => offered.has(t));
}

export function tagWords(tags: readonly string[]): string {
  return tags.map((t) => RATING_TAG_LABELS[t as RatingTag] ?? t).join('、');
}

/**
 * 0.923 → `92.3%`, 1 → `100.0%`, 0 → `0.0%`: always one decimal, as the dashboard and the bar show
 * every rate; null (nobody counted) → null, for the caller to say 暂无数据.
 */
export function formatPercent(rate: number | null | undefined): string | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  const clamped = Math.min(Math.max(rate, 0), 1);
  return `${(Math.round(clamped * 1000) / 10).toFixed(1)}%`;
}

/** `满意率 92.3%（13 人评价）`, or `还没有人评价`. */
export function summaryLine(summary: Pick<RatingSummaryDto, 'total' | 'satisfactionRate'>): string {
  if (!summary.total) return '还没有人评价';
  const pct = formatPercent(summary.satisfactionRate);
  return pct ? `满意率 ${pct}（${summary.total} 人评价）` : `${summary.total} 人评价`;
}

const TARGET_NOUNS: Record<RatingTargetType, string> = {
  notice: '这条公开信息',
  case: '这次办事',
  consultation: '这次征求意见',
};

/** `评价这条公开信息`, `评价这次办事`… */
export function barTitle(targetType: RatingTargetType, kindLabel?: string): string {
  if (targetType === 'notice' && kindLabel === '办事指南') return '评价这份办事指南';
  return `评价${TARGET_NOUNS[targetType]}`;
}

export function canChange(changeableUntil: string, nowMs: number): boolean {
  const t = Date.parse(changeableUntil);
  return !Number.isNaN(t) && nowMs < t;
}

/** `可在 2026年12月3日 15:00 前修改`, or that the time to change it has passed. */
export function changeableText(changeableUntil: string, nowMs: number): string {
  return canChange(changeableUntil, nowMs) ? `可在 ${formatDateTime(changeableUntil)} 前修改` : '已超过可修改的期限，不能再修改';
}

export interface RatingForm {
  level: RatingLevel | null;
  tags: RatingTag[];
  comment: string;
}

export type RatingFormErrors = Partial<Record<'level' | 'tags' | 'comment', string>>;

/** Checks the form as the server will (rateSchema), with the same words; the input to send when valid. */
export function validateRatingForm(
  form: RatingForm,
  target: { targetType: RatingTargetType; targetId: number },
): { ok: true; input: RateInput } | { ok: false; errors: RatingFormErrors } {
  const errors: RatingFormErrors = {};
  if (form.level === null) errors.level = '请选择满意程度';
  if (form.tags.length > MAX_TAGS) errors.tags = `最多选 ${MAX_TAGS} 个标签`;
  const comment = form.comment.trim();
  const chars = [...comment].length;
  if (chars > RATING_COMMENT_MAX_CHARS) errors.comment = `评价内容不能超过 ${RATING_COMMENT_MAX_CHARS} 个字（现在 ${chars} 个字）`;
  if (Object.keys(errors).length || form.level === null) return { ok: false, errors };
  const input: RateInput = { targetType: target.targetType, targetId: target.targetId, level: form.level, tags: [...form.tags] };
  if (comment) input.comment = comment;
  return { ok: true, input };
}

/** `还可以写 480 字` under the comment box. */
export function commentHint(comment: string): string {
  const left = RATING_COMMENT_MAX_CHARS - [...comment.trim()].length;
  return left >= 0 ? `选填，还可以写 ${left} 字` : `已超出 ${-left} 字`;
}

type FollowupState = Pick<
  FollowupDto,
  'status' | 'outcome' | 'dueOn' | 'provisional' | 'overdue' | 'overdueDays' | 'appealStatus' | 'escalatedAt' | 'escalatedToRegionName'
>;

/** The follow-up's state as a badge: its status or how it ended, and a tone that only repeats it. */
export function followupBadge(f: Pick<FollowupDto, 'status' | 'outcome'>): { text: string; tone: RatingTone } {
  if (f.status === 'closed') {
    const text = f.outcome ? FOLLOWUP_OUTCOME_LABELS[f.outcome] : FOLLOWUP_STATUS_LABELS.closed;
    return { text, tone: f.outcome === 'satisfied' || f.outcome === 'appeal_upheld' ? 'ok' : 'muted' };
  }
  return { text: FOLLOWUP_STATUS_LABELS[f.status] ?? f.status, tone: f.status === 'replied' ? 'warn' : 'info' };
}

/** `答复期限：2026年12月1日`, with the estimate note when that year's holidays are unknown. */
export function dueLine(f: Pick<FollowupDto, 'dueOn' | 'provisional'>): string {
  const day = formatDay(f.dueOn);
  if (!day) return '';
  return `答复期限：${day}前${f.provisional ? `（${PROVISIONAL_NOTE}）` : ''}`;
}

/** `已超期 2 个工作日`, or ''. Always words: the red frame is never the only sign. */
export function followupOverdueText(f: Pick<FollowupDto, 'status' | 'overdue' | 'overdueDays'>): string {
  if (f.status !== 'open') return '';
  return overdueText(f);
}

/** What the rater is told about their 差评's follow-up, in one line. */
export function residentFollowupLine(f: FollowupState): string {
  if (f.status === 'open') {
    const day = formatDay(f.dueOn);
    return day ? `工作人员正在核实，将在 ${day}前答复您` : '工作人员正在核实，会尽快答复您';
  }
  if (f.status === 'replied') return '工作人员已答复，请您看过后确认是否满意（回访）';
  return f.outcome ? FOLLOWUP_OUTCOME_LABELS[f.outcome] : FOLLOWUP_STATUS_LABELS.closed;
}

/** Where it stands, as staff read it: the deadline while open, then the reply and the 回访 result. */
export function staffFollowupLine(f: FollowupState): string {
  if (f.status === 'open') return dueLine(f);
  if (f.status === 'replied') return '已答复，等待居民确认是否满意（回访）';
  return `已办结：${f.outcome ? FOLLOWUP_OUTCOME_LABELS[f.outcome] : FOLLOWUP_STATUS_LABELS.closed}`;
}

/** Extra lines staff see: escalation and appeal, in words. */
export function staffNotes(f: FollowupState): string[] {
  const out: string[] = [];
  if (f.escalatedAt) out.push(`已超期上报${f.escalatedToRegionName ? `至${f.escalatedToRegionName}` : ''}`);
  if (f.appealStatus !== 'none') out.push(APPEAL_STATUS_LABELS[f.appealStatus] ?? f.appealStatus);
  return out;
}
