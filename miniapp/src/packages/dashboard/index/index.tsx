import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { DashboardDto } from '@sunboard/shared';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { SelectField } from '../../../components/form/SelectField';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateView';
import { describeError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { dashboardExportPath, getDashboard, openXlsx } from '../../../services/dashboard';
import { useSession } from '../../../stores/session';
import { useScopeOptions } from '../../staff/compose/useScopeOptions';
import { StaffGate } from '../../staff/shared/StaffGate';
import { Chart } from '../shared/Chart';
import { barChartHeight, horizontalBarOption, monthLineOption } from '../shared/chart-options';
import {
  byDomainTable,
  byLevelTable,
  byMonthTable,
  byRegionTable,
  defaultRange,
  exportFileName,
  keyFigures,
  keyRates,
  monthLabel,
  monthOptions,
  percentText,
  percentValue,
  rangeError,
  type FigureTable,
} from '../shared/dashboard-view';
import styles from '../shared/dashboard.module.scss';
import { FigureTableView } from '../shared/FigureTableView';
import { RegionSelect } from '../shared/RegionSelect';
import { useRemote } from '../shared/useRemote';

/** A section: its title, a chart and the same numbers as a table. */
function ChartSection({ title, summary, chart, table }: { title: string; summary: string; chart: ReactNode; table: FigureTable }) {
  return (
    <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': title })}>
      <Text className={styles.sectionTitle}>{title}</Text>
      {table.rows.length ? (
        <>
          <Text className={styles.chartSummary}>{summary}</Text>
          {chart}
        </>
      ) : null}
      <FigureTableView table={table} emptyText='这段时间还没有评价' captionShown={false} />
    </View>
  );
}

/** The six headline numbers, big, each with its label in words. */
function Headline({ d }: { d: DashboardDto }) {
  const items = [
    { label: '评价总数', value: `${d.satisfaction.total} 条` },
    { label: '满意率', value: percentText(d.satisfaction.rate) },
    { label: '差评', value: `${d.followups.total} 条` },
    { label: '差评已办结', value: `${d.followups.closed} 条` },
    { label: '知晓率', value: percentText(d.awareness.rate) },
    { label: '推送送达率', value: percentText(d.push.deliveryRate) },
  ];
  return (
    <View className={styles.figures} {...h5Attrs({ role: 'list', 'aria-label': '主要数字' })}>
      {items.map((i) => (
        <View key={i.label} className={styles.figure} {...h5Attrs({ role: 'listitem' })}>
          <Text className={styles.figureLabel}>{i.label}</Text>
          <Text className={styles.figureValue}>{i.value}</Text>
        </View>
      ))}
    </View>
  );
}

function Figures({ d, large }: { d: DashboardDto; large: boolean }) {
  const rates = keyRates(d);
  const rateWords = rates.map((r) => `${r.label} ${percentText(r.value === null ? null : r.value / 100)}`).join('，');
  const regions = d.satisfaction.byRegion.map((r) => ({ label: r.regionName, value: percentValue(r.rate) }));
  const domains = d.satisfaction.byDomain.map((x) => ({ label: x.domainLabel, value: percentValue(x.rate) }));
  const levels = byLevelTable(d).rows.map((r) => ({ label: r.cells[0], value: Number(r.cells[1]) }));
  const months = d.satisfaction.byMonth.map((m) => ({ month: m.month, value: percentValue(m.rate) }));
  const rated = d.satisfaction.byMonth.filter((m) => m.total > 0).length;
  return (
    <>
      <ChartSection
        title='主要指标'
        summary={`图：${rateWords}。`}
        chart={<Chart id='chart-key-rates' option={horizontalBarOption(rates, '%', large)} height={barChartHeight(rates.length, large)} />}
        table={keyFigures(d)}
      />
      <ChartSection
        title='各月满意率'
        summary={`图：${d.satisfaction.byMonth.length} 个月中 ${rated} 个月有评价，没有评价的月份不画点。`}
        chart={<Chart id='chart-months' option={monthLineOption(months, large)} height={large ? 300 : 260} />}
        table={byMonthTable(d)}
      />
      <ChartSection
        title='各区域满意率'
        summary={`图：${regions.length} 个区域的满意率。`}
        chart={<Chart id='chart-regions' option={horizontalBarOption(regions, '%', large)} height={barChartHeight(regions.length, large)} />}
        table={byRegionTable(d)}
      />
      <ChartSection
        title='各领域满意率'
        summary={`图：${domains.length} 个领域的满意率。`}
        chart={<Chart id='chart-domains' option={horizontalBarOption(domains, '%', large)} height={barChartHeight(domains.length, large)} />}
        table={byDomainTable(d)}
      />
      <ChartSection
        title='评价等级分布'
        summary={`图：共 ${d.satisfaction.total} 条评价，各等级的条数。`}
        chart={<Chart id='chart-levels' option={horizontalBarOption(levels, '条', large)} height={barChartHeight(levels.length, large)} />}
        table={d.satisfaction.total ? byLevelTable(d) : { ...byLevelTable(d), rows: [] }}
      />
    </>
  );
}

/** 数据看板: satisfaction by month, region and domain; 差评 closure and on time; 知晓率; push; consultations. */
function Dashboard() {
  const scope = useScopeOptions();
  const large = useSession((s) => s.user?.elderMode ?? false);
  const now = useMemo(() => Date.now(), []);
  const months = useMemo(() => monthOptions(now), [now]);
  const [regionId, setRegionId] = useState<number | null>(null);
  const [range, setRange] = useState(() => defaultRange(now));
  const [exporting, setExporting] = useState(false);
  const bad = rangeError(range.from, range.to);
  const fetcher = regionId !== null && !bad ? () => getDashboard({ regionId, from: range.from, to: range.to }) : null;
  const remote = useRemote<DashboardDto>(fetcher, `${regionId}|${range.from}|${range.to}`);
  const seen = useRef(false);
  useDidShow(() => {
    if (seen.current) void remote.reload();
    seen.current = true;
  });
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const chooseRegion = useCallback((id: number) => setRegionId(id), []);

  if (scope.error) return <ErrorState message={scope.error} onRetry={scope.reload} />;
  if (!scope.options) return <LoadingState text='正在准备…' />;
  if (!scope.options.length) return <EmptyState title='没有负责的区域' text='您的账号还没有负责的区域，请联系管理员。' />;

  const d = remote.data;
  const period = `${monthLabel(range.from)} 至 ${monthLabel(range.to)}`;
  const exportXlsx = async () => {
    if (regionId === null || !d) return;
    setExporting(true);
    try {
      await openXlsx(dashboardExportPath({ regionId, from: range.from, to: range.to }), exportFileName('满意度看板', d.regionName, `${monthLabel(range.from)}至${monthLabel(range.to)}`));
    } catch (err) {
      void Taro.showToast({ title: describeError(err), icon: 'none', duration: 2500 });
    } finally {
      setExporting(false);
    }
  };

  let body;
  if (bad) body = null;
  else if (remote.error && !d) body = <ErrorState message={remote.error} onRetry={() => void remote.reload()} />;
  else if (!d) body = <LoadingState text='正在统计…' />;
  else
    body = (
      <>
        <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': '统计范围' })}>
          <Text className={styles.heading}>{d.regionName}</Text>
          <Text className={styles.text}>{period}</Text>
          <Text className={styles.muted}>统计时间：{formatDateTime(d.generatedAt)}（含下级社区、村）</Text>
          {remote.loading ? (
            <Text className={styles.muted} {...h5Attrs({ role: 'status' })}>
              正在更新…
            </Text>
          ) : null}
          {remote.error ? (
            <Text className={styles.error} {...h5Attrs({ role: 'alert' })}>
              更新失败：{remote.error}
            </Text>
          ) : null}
          <Headline d={d} />
          <View className={styles.row}>
            <Pressable className={styles.primary} disabled={exporting} onPress={() => void exportXlsx()}>
              {exporting ? '正在导出…' : '导出 Excel'}
            </Pressable>
            <Pressable className={styles.secondary} disabled={remote.loading} onPress={() => void remote.reload()}>
              刷新数据
            </Pressable>
          </View>
          <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.yearlyReport(regionId ?? undefined) })}>
            年度报告草稿
          </Pressable>
        </View>
        <Figures d={d} large={large} />
      </>
    );

  return (
    <View className={styles.page}>
      <View className={styles.section} {...h5Attrs({ role: 'search', 'aria-label': '统计条件' })}>
        <RegionSelect id='dashboard-region' options={scope.options} value={regionId} onChange={chooseRegion} />
        <SelectField
          id='dashboard-from'
          label='起始月份'
          value={range.from}
          options={months}
          onChange={(from) => setRange((r) => ({ ...r, from }))}
          error={bad?.field === 'from' ? bad.message : null}
        />
        <SelectField id='dashboard-to' label='截止月份' value={range.to} options={months} onChange={(to) => setRange((r) => ({ ...r, to }))} error={bad?.field === 'to' ? bad.message : null} />
      </View>
      {body}
    </View>
  );
}

export default function DashboardPage() {
  return (
    <PageRoot title='数据看板'>
      <SessionGate>
        <StaffGate>
          <Dashboard />
        </StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
