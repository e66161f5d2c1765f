import type { DashboardDto, SatisfactionFigure } from '@sunboard/shared';
import { formatPercent, levelLabel } from '../../../components/RatingBar/rating-text';

/**
 * What the dashboard says: months in words, the range it may ask for, every rate as a percentage
 * with one decimal (暂无数据 when nothing was counted), and the rows of the tables that stand beside
 * each chart for screen readers and anyone who prefers numbers.
 */

export const MAX_RANGE_MONTHS = 36;
const CHINA_OFFSET_MS = 8 * 3600_000;

export const NO_DATA = '暂无数据';

/** `2026-11` in Beijing time. */
export function currentMonth(nowMs: number): string {
  const d = new Date(nowMs + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `2026-11` + 2 → `2027-01`. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${year}-${String(mm + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (1 for the same month). */
export function monthSpan(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

/** `2026-11` → `2026年11月`. */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** The months a staff member may pick, newest first: this month and the 35 before it. */
export function monthOptions(nowMs: number, count = MAX_RANGE_MONTHS): Array<{ value: string; label: string }> {
  const now = currentMonth(nowMs);
  return Array.from({ length: count }, (_, i) => {
    const value = addMonths(now, -i);
    return { value, label: monthLabel(value) };
  });
}

/** The last twelve months, this one included (the server's default too). */
export function defaultRange(nowMs: number): { from: string; to: string } {
  const to = currentMonth(nowMs);
  return { from: addMonths(to, -11), to };
}

/** The range's problem in words, as the server's dashboardQuerySchema would say it, or null. */
export function rangeError(from: string, to: string): { field: 'from' | 'to'; message: string } | null {
  if (from > to) return { field: 'to', message: '截止月份不能早于起始月份' };
  if (monthSpan(from, to) > MAX_RANGE_MONTHS) return { field: 'from', message: `时间范围最多 ${MAX_RANGE_MONTHS} 个月` };
  return null;
}

/** `92.3%` or 暂无数据. */
export function percentText(rate: number | null | undefined): string {
  return formatPercent(rate) ?? NO_DATA;
}

/** A rate as a chart value: percent with one decimal, null when nothing was counted. */
export function percentValue(rate: number | null | undefined): number | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  return Math.round(Math.min(Math.max(rate, 0), 1) * 1000) / 10;
}

export interface TableRow {
  key: string;
  cells: string[];
}

export interface FigureTable {
  /** Caption of the table and the chart beside it. */
  title: string;
  columns: string[];
  rows: TableRow[];
}

/** `92.3%（12/13）`: the rate and the counts behind it. */
function rateWithCounts(rate: number | null, part: number, whole: number): string {
  return whole ? `${percentText(rate)}（${part}/${whole}）` : NO_DATA;
}

/** The headline figures: the rates of issue 7 point 3 with the counts behind each. */
export function keyFigures(d: DashboardDto): FigureTable {
  const s = d.satisfaction;
  const f = d.followups;
  const a = d.awareness;
  const p = d.push;
  const c = d.consultations;
  return {
    title: '主要指标',
    columns: ['指标', '数值', '说明'],
    rows: [
      { key: 'ratings', cells: ['评价总数', `${s.total} 条`, `满意 ${s.satisfied} 条`] },
      { key: 'satisfaction', cells: ['满意率', percentText(s.rate), '非常满意、满意、基本满意占全部评价的比例'] },
      { key: 'followups', cells: ['差评', `${f.total} 条`, `已办结 ${f.closed} 条，未办结 ${f.open} 条，超期 ${f.overdue} 条`] },
      { key: 'closed', cells: ['差评办结率', rateWithCounts(f.closedRate, f.closed, f.total), '已办结的差评占全部差评的比例'] },
      { key: 'onTime', cells: ['按时答复率', percentText(f.onTimeRate), `期限内答复 ${f.onTime} 条；按时答复的差评占已答复或已超期差评的比例`] },
      { key: 'satisfiedAfterReply', cells: ['回访满意', `${f.satisfiedAfterReply} 条`, '答复后居民确认满意的差评'] },
      { key: 'awareness', cells: ['知晓率', rateWithCounts(a.rate, a.readers, a.audience), `期间发布 ${a.notices} 条公开信息，已读居民占应知居民的比例`] },
      {
        key: 'push',
        cells: ['推送送达率', rateWithCounts(p.deliveryRate, p.sent, p.targeted), `共 ${p.targeted} 条：已送达 ${p.sent}，用户未订阅 ${p.refused}，失败 ${p.failed}，排队中 ${p.queued}`],
      },
      {
        key: 'consultations',
        cells: ['征求意见参与', `${c.commenters} 人`, `${c.count} 项征求意见，收到意见 ${c.comments} 条，已答复 ${c.answered} 条（${percentText(c.answeredRate)}）`],
      },
    ],
  };
}

/** The rates the first chart compares, in the order of the table. */
export function keyRates(d: DashboardDto): Array<{ label: string; value: number | null }> {
  return [
    { label: '满意率', value: percentValue(d.satisfaction.rate) },
    { label: '差评办结率', value: percentValue(d.followups.closedRate) },
    { label: '按时答复率', value: percentValue(d.followups.onTimeRate) },
    { label: '知晓率', value: percentValue(d.awareness.rate) },
    { label: '推送送达率', value: percentValue(d.push.deliveryRate) },
    { label: '意见答复率', value: percentValue(d.consultations.answeredRate) },
  ];
}

function satisfactionTable(title: string, first: string, items: Array<SatisfactionFigure & { key: string; name: string }>): FigureTable {
  return {
    title,
    columns: [first, '评价数', '满意数', '满意率'],
    rows: items.map((i) => ({ key: i.key, cells: [i.name, String(i.total), String(i.satisfied), percentText(i.rate)] })),
  };
}

export function byMonthTable(d: DashboardDto): FigureTable {
  return satisfactionTable(
    '各月满意率',
    '月份',
    d.satisfaction.byMonth.map((m) => ({ ...m, key: m.month, name: monthLabel(m.month) })),
  );
}

export function byRegionTable(d: DashboardDto): FigureTable {
  return satisfactionTable(
    '各区域满意率',
    '区域',
    d.satisfaction.byRegion.map((r) => ({ ...r, key: String(r.regionId), name: r.regionName })),
  );
}

export function byDomainTable(d: DashboardDto): FigureTable {
  return satisfactionTable(
    '各领域满意率',
    '领域',
    d.satisfaction.byDomain.map((x) => ({ ...x, key: x.domain ?? 'none', name: x.domainLabel })),
  );
}

/** 非常满意 … 非常不满意: how many, and their share of all ratings. */
export function byLevelTable(d: DashboardDto): FigureTable {
  const total = d.satisfaction.total;
  return {
    title: '评价等级分布',
    columns: ['等级', '条数', '占比'],
    rows: (['5', '4', '3', '2', '1'] as const).map((k) => {
      const n = d.satisfaction.byLevel[k] ?? 0;
      return { key: k, cells: [levelLabel(Number(k)), String(n), total ? percentText(n / total) : NO_DATA] };
    }),
  };
}

/** The file name of an export: `满意度看板_光明社区_2026年1月至2026年11月.xlsx` (no path separators). */
export function exportFileName(kind: string, regionName: string, period: string): string {
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');
  return `${safe(kind)}_${safe(regionName)}_${safe(period)}.xlsx`;
}
