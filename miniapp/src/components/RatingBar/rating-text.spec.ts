import { rateSchema, type FollowupDto } from '@sunboard/shared';
import {
  LEVEL_CHOICES,
  barTitle,
  canChange,
  changeableText,
  commentHint,
  dueLine,
  followupBadge,
  followupOverdueText,
  formatPercent,
  keepTags,
  levelLabel,
  residentFollowupLine,
  staffNotes,
  summaryLine,
  tagOptions,
  tagWords,
  validateRatingForm,
} from './rating-text';

const followup = (over: Partial<FollowupDto> = {}): FollowupDto => ({
  id: 1,
  ratingId: 2,
  status: 'open',
  statusLabel: '待核实答复',
  outcome: null,
  regionId: 3,
  regionName: '光明社区',
  dueOn: '2026-12-04',
  provisional: false,
  overdue: false,
  overdueDays: 0,
  escalatedAt: null,
  escalatedToRegionName: null,
  verification: null,
  reply: null,
  fixed: null,
  repliedAt: null,
  replierName: null,
  confirmedAt: null,
  confirmNote: null,
  appealStatus: 'none',
  appealReason: null,
  appealNote: null,
  createdAt: '2026-11-27T02:00:00.000Z',
  closedAt: null,
  ...over,
});

describe('levels and tags', () => {
  it('offers five levels in words, best first, the last two marked as 差评', () => {
    expect(LEVEL_CHOICES.map((c) => c.label)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(LEVEL_CHOICES.filter((c) => c.bad).map((c) => c.level)).toEqual([2, 1]);
    expect(levelLabel(1)).toBe('非常不满意');
    expect(levelLabel(9)).toBe('9 级');
  });

  it('offers praise with a good level, problems with a bad one, nothing before a level', () => {
    expect(tagOptions(null)).toEqual([]);
    expect(tagOptions(5).map((o) => o.label)).toContain('服务态度好');
    expect(tagOptions(1).map((o) => o.label)).toEqual(['信息不清楚', '办事效率低', '服务态度差', '内容不及时', '其他']);
  });

  it('drops the tags that no longer fit when the level changes side', () => {
    expect(keepTags(['clear_info', 'slow'], 1)).toEqual(['slow']);
    expect(keepTags(['clear_info', 'slow'], 4)).toEqual(['clear_info']);
    expect(keepTags(['clear_info'], null)).toEqual([]);
    expect(tagWords(['slow', 'other', 'mystery'])).toBe('办事效率低、其他、mystery');
  });
});

describe('percentages', () => {
  it('always shows one decimal, and null when nothing was counted', () => {
    expect(formatPercent(0.9234)).toBe('92.3%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatPercent(0.0005)).toBe('0.1%');
    expect(formatPercent(null)).toBeNull();
    expect(formatPercent(Number.NaN)).toBeNull();
    expect(formatPercent(1.2)).toBe('100.0%');
  });

  it('sums up a target: the rate and how many rated, or that nobody has', () => {
    expect(summaryLine({ total: 0, satisfactionRate: null })).toBe('还没有人评价');
    expect(summaryLine({ total: 13, satisfactionRate: 12 / 13 })).toBe('满意率 92.3%（13 人评价）');
  });

  it('names the bar after what is rated', () => {
    expect(barTitle('notice')).toBe('评价这条公开信息');
    expect(barTitle('notice', '办事指南')).toBe('评价这份办事指南');
    expect(barTitle('case')).toBe('评价这次办事');
    expect(barTitle('consultation')).toBe('评价这次征求意见');
  });
});

describe('changing a rating', () => {
  const until = '2026-12-03T07:00:00.000Z';
  it('says until when (China time), and that it is too late afterwards', () => {
    const before = Date.parse(until) - 1000;
    expect(canChange(until, before)).toBe(true);
    expect(changeableText(until, before)).toBe('可在 2026年12月3日 15:00 前修改');
    expect(canChange(until, Date.parse(until))).toBe(false);
    expect(changeableText(until, Date.parse(until) + 1)).toBe('已超过可修改的期限，不能再修改');
    expect(canChange('not a date', 0)).toBe(false);
  });
});

describe('the form', () => {
  const target = { targetType: 'notice' as const, targetId: 7 };

  it('asks for a level first', () => {
    expect(validateRatingForm({ level: null, tags: [], comment: '' }, target)).toEqual({ ok: false, errors: { level: '请选择满意程度' } });
  });

  it('builds what PUT /api/ratings accepts, the comment trimmed and left out when empty', () => {
    const a = validateRatingForm({ level: 1, tags: ['slow'], comment: '  窗口没人  ' }, target);
    expect(a).toEqual({ ok: true, input: { targetType: 'notice', targetId: 7, level: 1, tags: ['slow'], comment: '窗口没人' } });
    const b = validateRatingForm({ level: 5, tags: [], comment: '   ' }, target);
    expect(b).toEqual({ ok: true, input: { targetType: 'notice', targetId: 7, level: 5, tags: [] } });
    for (const r of [a, b]) if (r.ok) expect(rateSchema.safeParse(r.input).success).toBe(true);
  });

  it('refuses what the server refuses, in the same words', () => {
    const long = '好'.repeat(501);
    const r = validateRatingForm({ level: 3, tags: ['clear_info', 'efficient', 'good_attitude', 'timely', 'other', 'slow'], comment: long }, target);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.tags).toBe('最多选 5 个标签');
      expect(r.errors.comment).toBe('评价内容不能超过 500 个字（现在 501 个字）');
    }
    expect(rateSchema.safeParse({ ...target, level: 3, comment: long }).success).toBe(false);
    // 500 characters counted as characters, not UTF-16 units (𠀀 is two units).
    expect(validateRatingForm({ level: 3, tags: [], comment: '𠀀'.repeat(500) }, target).ok).toBe(true);
  });

  it('counts what is left to write', () => {
    expect(commentHint('')).toBe('选填，还可以写 500 字');
    expect(commentHint('好'.repeat(502))).toBe('已超出 2 字');
  });
});

describe('follow-ups in words', () => {
  it('badges: the status, or how it ended', () => {
    expect(followupBadge(followup())).toEqual({ text: '待核实答复', tone: 'info' });
    expect(followupBadge(followup({ status: 'replied' }))).toEqual({ text: '已答复，待回访', tone: 'warn' });
    expect(followupBadge(followup({ status: 'closed', outcome: 'satisfied' }))).toEqual({ text: '回访满意', tone: 'ok' });
    expect(followupBadge(followup({ status: 'closed', outcome: 'no_response' }))).toEqual({ text: '居民未确认', tone: 'muted' });
    expect(followupBadge(followup({ status: 'closed' })).text).toBe('已办结');
  });

  it('tells the rater where it stands', () => {
    expect(residentFollowupLine(followup())).toBe('工作人员正在核实，将在 2026年12月4日前答复您');
    expect(residentFollowupLine(followup({ status: 'replied' }))).toBe('工作人员已答复，请您看过后确认是否满意（回访）');
    expect(residentFollowupLine(followup({ status: 'closed', outcome: 'unsatisfied' }))).toBe('回访不满意');
  });

  it('says the deadline and lateness in words, only while it waits for a reply', () => {
    expect(dueLine(followup())).toBe('答复期限：2026年12月4日前');
    expect(dueLine(followup({ dueOn: '2027-01-08', provisional: true }))).toBe('答复期限：2027年1月8日前（节假日安排尚未公布，日期为估算）');
    expect(followupOverdueText(followup({ overdue: true, overdueDays: 2 }))).toBe('已超期 2 个工作日');
    expect(followupOverdueText(followup({ overdue: true, overdueDays: 0 }))).toBe('已超期');
    expect(followupOverdueText(followup({ status: 'replied', overdue: true, overdueDays: 2 }))).toBe('');
  });

  it('notes escalation and appeals for staff', () => {
    expect(staffNotes(followup())).toEqual([]);
    expect(staffNotes(followup({ escalatedAt: '2026-12-05T01:00:00Z', escalatedToRegionName: '马庄街道', appealStatus: 'pending' }))).toEqual(['已超期上报至马庄街道', '申诉审核中']);
  });
});
