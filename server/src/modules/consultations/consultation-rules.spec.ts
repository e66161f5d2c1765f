import { splitDraft } from '@sunboard/shared';
import { earliestClosingDate, maskName, periodIssue, statusOf } from './consultation-rules';

describe('splitDraft', () => {
  it('splits on 第X条 with Chinese numerals and keeps continuation lines with their article', () => {
    const text = '为规范小区停车管理，制定本办法。\n第一条 本办法适用于光明社区。\n第二条 停车位优先分配给本小区业主。\n车位不得转租。\n第十二条 本办法自公布之日起施行。';
    expect(splitDraft(text)).toEqual([
      { heading: '', body: '为规范小区停车管理，制定本办法。' },
      { heading: '第一条', body: '本办法适用于光明社区。' },
      { heading: '第二条', body: '停车位优先分配给本小区业主。\n车位不得转租。' },
      { heading: '第十二条', body: '本办法自公布之日起施行。' },
    ]);
  });

  it('splits numbered lines (1. 2、 （三） 四、) and Arabic 第3条', () => {
    expect(splitDraft('1. 甲\n2、乙\n（三）丙\n四、丁\n第5条 戊').map((p) => p.heading)).toEqual(['1.', '2、', '（三）', '四、', '第5条']);
  });

  it('does not take a decimal number for a numbered line', () => {
    expect(splitDraft('第一条 收费标准\n1.5元每小时')).toEqual([{ heading: '第一条', body: '收费标准\n1.5元每小时' }]);
  });

  it('without numbering, blank lines separate paragraphs; CRLF and full-width spaces are handled', () => {
    expect(splitDraft('　甲段落\r\n\r\n乙段落第一行\r\n乙段落第二行\r\n')).toEqual([
      { heading: '', body: '甲段落' },
      { heading: '', body: '乙段落第一行\n乙段落第二行' },
    ]);
    expect(splitDraft('  \n ')).toEqual([]);
  });
});

describe('consultation rules', () => {
  const cal = {
    // Weekdays only, enough for the test (the real WorkingCalendar knows 调休).
    addWorkingDays(from: string, n: number) {
      const d = new Date(`${from}T00:00:00Z`);
      while (n > 0) {
        d.setUTCDate(d.getUTCDate() + 1);
        if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n--;
      }
      return { date: d.toISOString().slice(0, 10), provisional: false };
    },
  };

  it('derives the status from the clock', () => {
    const c = { opensAt: new Date('2026-12-01T01:00:00Z'), closesAt: new Date('2026-12-02T01:00:00Z'), concludedAt: null };
    expect(statusOf(c, new Date('2026-12-01T00:59:59Z'))).toBe('upcoming');
    expect(statusOf(c, new Date('2026-12-01T01:00:00Z'))).toBe('open');
    expect(statusOf(c, new Date('2026-12-02T01:00:00Z'))).toBe('closed');
    expect(statusOf({ ...c, concludedAt: new Date() }, new Date('2026-12-01T01:00:00Z'))).toBe('concluded');
  });

  it('names the rule when a period is too short, by Beijing dates', () => {
    // Opens Tuesday 2026-12-01 09:00 Beijing.
    const opens = new Date('2026-12-01T09:00:00+08:00');
    expect(earliestClosingDate('major_decision', opens, cal)).toBe('2026-12-31');
    expect(periodIssue('major_decision', opens, new Date('2026-12-30T23:00:00+08:00'), cal)).toContain('不少于 30 日');
    expect(periodIssue('major_decision', opens, new Date('2026-12-31T00:00:00+08:00'), cal)).toBeNull();
    expect(earliestClosingDate('normative_document', opens, cal)).toBe('2026-12-10');
    expect(periodIssue('normative_document', opens, new Date('2026-12-09T18:00:00+08:00'), cal)).toContain('7 个工作日');
    expect(periodIssue('village_affairs', opens, new Date('2026-12-01T09:00:01+08:00'), cal)).toBeNull();
  });

  it('masks names', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskName('')).toBe('居民*');
  });
});
