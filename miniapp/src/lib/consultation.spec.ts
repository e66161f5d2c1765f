import { answerLine, charHint, closingSoon, commentText, countdownText, paragraphLabel, statusBadge, validateComment } from './consultation';

describe('consultation page logic', () => {
  const now = Date.parse('2026-12-01T10:00:00+08:00');
  const card = (status: 'open' | 'upcoming' | 'closed', opensAt: string, closesAt: string) => ({ status, opensAt, closesAt });

  it('counts down in whole days, hours, minutes (rounded down)', () => {
    expect(countdownText(card('open', '2026-11-30T00:00:00+08:00', '2026-12-04T09:00:00+08:00'), now)).toBe('还剩 2 天');
    expect(countdownText(card('open', '2026-11-30T00:00:00+08:00', '2026-12-01T15:59:00+08:00'), now)).toBe('还剩 5 小时');
    expect(countdownText(card('open', '2026-11-30T00:00:00+08:00', '2026-12-01T10:20:30+08:00'), now)).toBe('还剩 20 分钟');
    expect(countdownText(card('open', '2026-11-30T00:00:00+08:00', '2026-12-01T10:00:00+08:00'), now)).toBe('即将截止');
    expect(countdownText(card('upcoming', '2026-12-03T10:00:00+08:00', '2026-12-09T10:00:00+08:00'), now)).toBe('距开始还有 2 天');
    expect(countdownText(card('closed', '2026-11-01T10:00:00+08:00', '2026-11-09T10:00:00+08:00'), now)).toBe('');
    expect(closingSoon(card('open', '2026-11-30T00:00:00+08:00', '2026-12-02T09:59:00+08:00'), now)).toBe(true);
    expect(closingSoon(card('open', '2026-11-30T00:00:00+08:00', '2026-12-02T10:01:00+08:00'), now)).toBe(false);
  });

  it('checks the comment with the server’s rules (5–1000 characters)', () => {
    expect(validateComment('  好的 ', null)).toEqual({ ok: false, error: '意见至少 5 个字' });
    expect(validateComment('长'.repeat(1001), 3)).toEqual({ ok: false, error: '意见不能超过 1000 个字' });
    expect(validateComment(' 建议每小时一元。 ', 3)).toEqual({ ok: true, input: { body: '建议每小时一元。', paragraphId: 3 } });
    expect(validateComment('整体同意这个办法。', null)).toEqual({ ok: true, input: { body: '整体同意这个办法。' } });
    // Said on the phone before sending: comments are published, numbers are not.
    expect(validateComment('有事打我电话13812345678', null)).toEqual({ ok: false, error: '意见中含有手机号码，为保护个人信息，请删去后再提交' });
    expect(charHint('好的')).toBe('至少 5 个字，还差 3 个字');
    expect(charHint('五个字够了')).toBe('还可输入 995 个字');
    expect(charHint('长'.repeat(1003))).toBe('超出 3 个字，最多 1000 个字');
  });

  it('shows hidden comments as a placeholder and answers in words', () => {
    expect(commentText({ status: 'hidden', body: null, hiddenReason: '含有人身攻击' })).toBe('该意见已隐藏（含有人身攻击）');
    expect(commentText({ status: 'visible', body: '<b>原样显示</b>', hiddenReason: null })).toBe('<b>原样显示</b>');
    expect(answerLine({ status: 'visible', adoption: 'partly', adoptionReason: '实施时间另行通知' })).toBe('部分采纳：实施时间另行通知');
    expect(answerLine({ status: 'pending', adoption: null, adoptionReason: null })).toBe('审核中，通过后公开显示');
    expect(statusBadge('concluded')).toEqual({ text: '已公布采纳情况', tone: 'ok' });
    expect(paragraphLabel({ heading: '', position: 2 })).toBe('第 2 段');
    expect(paragraphLabel({ heading: '第三条', position: 4 })).toBe('第三条');
  });
});
