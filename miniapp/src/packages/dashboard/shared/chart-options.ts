/**
 * ECharts options for the dashboard, as plain objects (no echarts import: testable in node). Labels
 * are Chinese, rates are percentages with one decimal written on every bar or point, so a chart
 * never relies on colour or on reading an axis. Each chart has a table beside it.
 */

export interface ChartDatum {
  label: string;
  /** null: nothing counted (no bar, the table says 暂无数据). */
  value: number | null;
}

export type ChartUnit = '%' | '条';

const PRIMARY = '#0b57a4';
const TEXT = '#1a1a1a';
const GRID_LINE = '#d5d8dd';

/** The text written on a bar: `92.3%` / `12 条`. */
export function valueLabel(value: number, unit: ChartUnit): string {
  return unit === '%' ? `${value.toFixed(1)}%` : `${value} 条`;
}

/** Pixel height of a horizontal bar chart with `rows` bars. */
export function barChartHeight(rows: number, large: boolean): number {
  return Math.max(1, rows) * (large ? 52 : 40) + 48;
}

const fontSize = (large: boolean) => (large ? 16 : 13);

/** Horizontal bars (long Chinese names read well on the left), the value at the end of each bar. */
export function horizontalBarOption(data: readonly ChartDatum[], unit: ChartUnit, large = false): Record<string, unknown> {
  const size = fontSize(large);
  // Top to bottom in the given order (ECharts draws a category axis from the bottom).
  const rows = [...data].reverse();
  return {
    animation: false,
    textStyle: { color: TEXT, fontSize: size },
    grid: { left: 8, right: large ? 84 : 72, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: unit === '%' ? 100 : undefined,
      axisLabel: { show: false },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((d) => d.label),
      axisLabel: { color: TEXT, fontSize: size, width: large ? 120 : 110, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((d) => (d.value === null ? '-' : d.value)),
        barMaxWidth: large ? 28 : 22,
        itemStyle: { color: PRIMARY },
        label: {
          show: true,
          position: 'right',
          color: TEXT,
          fontSize: size,
          fontWeight: 'bold',
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? valueLabel(p.value, unit) : '暂无数据'),
        },
      },
    ],
  };
}

/** `2026-01` → `26年1月` for January and the first month, `2月` … for the others (the axis stays short). */
export function monthTick(month: string, index: number): string {
  const [y, m] = month.split('-');
  const mm = Number(m);
  return index === 0 || mm === 1 ? `${y.slice(2)}年${mm}月` : `${mm}月`;
}

/** A line over the months; months without ratings leave a gap (not a fall to 0%). */
export function monthLineOption(points: ReadonlyArray<{ month: string; value: number | null }>, large = false): Record<string, unknown> {
  const size = fontSize(large);
  return {
    animation: false,
    textStyle: { color: TEXT, fontSize: size },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: points.map((p, i) => monthTick(p.month, i)),
      axisLabel: { color: TEXT, fontSize: size, hideOverlap: true },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { color: TEXT, fontSize: size, formatter: '{value}%' },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        type: 'line',
        data: points.map((p) => (p.value === null ? '-' : p.value)),
        connectNulls: false,
        symbol: 'circle',
        symbolSize: large ? 10 : 8,
        lineStyle: { color: PRIMARY, width: 3 },
        itemStyle: { color: PRIMARY },
        label: {
          show: true,
          position: 'top',
          color: TEXT,
          fontSize: size,
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? valueLabel(p.value, '%') : ''),
        },
      },
    ],
  };
}
