import { dashboardQuerySchema, type DashboardDto } from '@sunboard/shared';
import { barChartHeight, horizontalBarOption, monthLineOption, monthTick, valueLabel } from './chart-options';
import {
  addMonths,
  byDomainTable,
  byLevelTable,
  byMonthTable,
  byRegionTable,
  currentMonth,
  defaultRange,
  exportFileName,
  keyFigures,
  keyRates,
  monthLabel,
  monthOptions,
  monthSpan,
  percentText,
  percentValue,
  rangeError,
} from './dashboard-view';
import { defaultReportYear, reportTable, yearOptions } from './report-view';

const dashboard = (): DashboardDto => ({
  regionId: 3,
  regionName: '光明社区',
  from: '2026-01',
  to: '2026-03',
  generatedAt: '2026-11-27T02:00:00.000Z',
  satisfaction: {
    total: 3,
    satisfied: 2,
    rate: 2 / 3,
    byLevel: { '5': 1, '4': 1, '3': 0, '2': 0, '1': 1 },
    byMonth: [
      { month: '2026-01', total: 0, satisfied: 0, rate: null },
      { month: '2026-02', total: 2, satisfied: 2, rate: 1 },
      { month: '2026-03', total: 1, satisfied: 0, rate: 0 },
    ],
    byRegion: [{ regionId: 3, regionName: '光明社区', total: 3, satisfied: 2, rate: 2 / 3 }],
    byDomain: [
      { domain: 'social_assistance', domainLabel: '社会救助', total: 2, satisfied: 1, rate: 0.5 },
      { domain: null, domainLabel: '其他', total: 1, satisfied: 1, rate: 1 },
    ],
  },
  followups: { total: 1, closed: 0, closedRate: 0, onTime: 0, onTimeRate: null, open: 1, overdue: 0, satisfiedAfterReply: 0 },
  awareness: { notices: 2, audience: 40, readers: 13, rate: 13 / 40 },
  push: { targeted: 10, sent: 9, refused: 1, failed: 0, queued: 0, deliveryRate: 0.9 },
  consultations: { count: 1, comments: 4, commenters: 3, answered: 4, answeredRate: 1 },
});

describe('months', () => {
  it('reads the month in Beijing time', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Beijing.
    expect(currentMonth(Date.parse('2026-11-30T17:00:00Z'))).toBe('2026-12');
    expect(currentMonth(Date.parse('2026-11-30T15:00:00Z'))).toBe('2026-11');
  });

  it('adds months across years both ways', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', -11)).toBe('2026-01');
    expect(addMonths('2026-05', -36)).toBe('2023-05');
    expect(monthSpan('2025-12', '2026-02')).toBe(3);
  });

  it('offers 36 months newest first, in words, and the last twelve by default', () => {
    const now = Date.parse('2026-11-27T02:00:00Z');
    const options = monthOptions(now);
    expect(options).toHaveLength(36);
    expect(options[0]).toEqual({ value: '2026-11', label: '2026年11月' });
    expect(options[35].value).toBe('2023-12');
    expect(defaultRange(now)).toEqual({ from: '2025-12', to: '2026-11' });
    expect(monthLabel('2026-01')).toBe('2026年1月');
  });

  it('refuses the ranges the server refuses', () => {
    const cases: Array<[string, string]> = [
      ['2026-01', '2026-11'],
      ['2026-11', '2026-01'],
      ['2023-11', '2026-11'],
      ['2023-12', '2026-11'],
    ];
    for (const [from, to] of cases) {
      const server = dashboardQuerySchema.safeParse({ regionId: 1, from, to }).success;
      expect({ from, to, ok: rangeError(from, to) === null }).toEqual({ from, to, ok: server });
    }
    expect(rangeError('2026-11', '2026-01')).toEqual({ field: 'to', message: '截止月份不能早于起始月份' });
    expect(rangeError('2023-11', '2026-11')).toEqual({ field: 'from', message: '时间范围最多 36 个月' });
  });
});

describe('figures and tables', () => {
  it('says rates with one decimal, 暂无数据 when nothing was counted', () => {
    expect(percentText(2 / 3)).toBe('66.7%');
    expect(percentText(null)).toBe('暂无数据');
    expect(percentValue(2 / 3)).toBe(66.7);
    expect(percentValue(null)).toBeNull();
  });

  it('lists the headline figures with the counts behind them', () => {
    const t = keyFigures(dashboard());
    const row = (k: string) => t.rows.find((r) => r.key === k)!.cells;
    expect(t.columns).toEqual(['指标', '数值', '说明']);
    expect(row('ratings')).toEqual(['评价总数', '3 条', '满意 2 条']);
    expect(row('satisfaction')[1]).toBe('66.7%');
    expect(row('closed')[1]).toBe('0.0%（0/1）');
    expect(row('onTime')[1]).toBe('暂无数据');
    expect(row('awareness')[1]).toBe('32.5%（13/40）');
    expect(row('push')[1]).toBe('90.0%（9/10）');
    expect(row('push')[2]).toContain('用户未订阅 1');
    expect(row('consultations')).toEqual(['征求意见参与', '3 人', '1 项征求意见，收到意见 4 条，已答复 4 条（100.0%）']);
    expect(keyRates(dashboard()).map((r) => r.value)).toEqual([66.7, 0, null, 32.5, 90, 100]);
  });

  it('turns each breakdown into rows: name, count, satisfied, rate', () => {
    expect(byMonthTable(dashboard()).rows.map((r) => r.cells)).toEqual([
      ['2026年1月', '0', '0', '暂无数据'],
      ['2026年2月', '2', '2', '100.0%'],
      ['2026年3月', '1', '0', '0.0%'],
    ]);
    expect(byRegionTable(dashboard()).rows[0].cells).toEqual(['光明社区', '3', '2', '66.7%']);
    expect(byDomainTable(dashboard()).rows.map((r) => r.key)).toEqual(['social_assistance', 'none']);
    expect(byLevelTable(dashboard()).rows.map((r) => r.cells)).toEqual([
      ['非常满意', '1', '33.3%'],
      ['满意', '1', '33.3%'],
      ['基本满意', '0', '0.0%'],
      ['不满意', '0', '0.0%'],
      ['非常不满意', '1', '33.3%'],
    ]);
  });

  it('names export files without path separators or spaces', () => {
    expect(exportFileName('满意度看板', '湛河区 / 马庄街道', '2026年1月至2026年11月')).toBe('满意度看板_湛河区马庄街道_2026年1月至2026年11月.xlsx');
  });
});

describe('chart options', () => {
  it('writes every value on its bar, top to bottom in the given order', () => {
    const o = horizontalBarOption(
      [
        { label: '满意率', value: 66.7 },
        { label: '按时答复率', value: null },
      ],
      '%',
    ) as { yAxis: { data: string[] }; xAxis: { max: number }; series: Array<{ data: unknown[]; label: { formatter: (p: { value: unknown }) => string } }> };
    expect(o.yAxis.data).toEqual(['按时答复率', '满意率']);
    expect(o.series[0].data).toEqual(['-', 66.7]);
    expect(o.xAxis.max).toBe(100);
    expect(o.series[0].label.formatter({ value: 66.7 })).toBe('66.7%');
    expect(o.series[0].label.formatter({ value: 100 })).toBe('100.0%');
    expect(o.series[0].label.formatter({ value: '-' })).toBe('暂无数据');
    expect(valueLabel(3, '条')).toBe('3 条');
    expect(barChartHeight(5, true)).toBeGreaterThan(barChartHeight(5, false));
  });

  it('leaves months without ratings as gaps and keeps the axis short', () => {
    const o = monthLineOption([
      { month: '2025-12', value: 50 },
      { month: '2026-01', value: null },
      { month: '2026-02', value: 100 },
    ]) as { xAxis: { data: string[] }; series: Array<{ data: unknown[]; connectNulls: boolean }> };
    expect(o.xAxis.data).toEqual(['25年12月', '26年1月', '2月']);
    expect(o.series[0].data).toEqual([50, '-', 100]);
    expect(o.series[0].connectNulls).toBe(false);
    expect(monthTick('2026-07', 3)).toBe('7月');
  });
});

describe('the yearly report', () => {
  it('defaults to last year until the report is due (31 March, Beijing time)', () => {
    expect(defaultReportYear(Date.parse('2027-03-31T15:00:00Z'))).toBe(2026);
    expect(defaultReportYear(Date.parse('2027-03-31T16:00:00Z'))).toBe(2027);
    expect(yearOptions(Date.parse('2026-11-27T00:00:00Z')).map((o) => o.value)).toEqual(['2026', '2025', '2024', '2023', '2022', '2021']);
  });

  it('names the row column when the server lists only value columns, and says 未统计 for blanks', () => {
    const t = reportTable({ title: '主动公开', columns: ['本年新制作', '现行有效'], rows: [{ label: '规章', cells: [2, null] }] }, 's0');
    expect(t.columns).toEqual(['项目', '本年新制作', '现行有效']);
    expect(t.rows[0].cells).toEqual(['规章', '2', '未统计']);
    const full = reportTable({ title: 'x', columns: ['信息内容', '数量'], rows: [{ label: '行政许可', cells: [0] }] }, 's1');
    expect(full.columns).toEqual(['信息内容', '数量']);
  });
});
