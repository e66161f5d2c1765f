import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { YearlyReportDto } from '@sunboard/shared';
import { useCallback, useMemo, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { SelectField } from '../../../components/form/SelectField';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateView';
import { describeError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { getYearlyReport, openXlsx, yearlyReportExportPath } from '../../../services/dashboard';
import { useScopeOptions } from '../../staff/compose/useScopeOptions';
import { StaffGate } from '../../staff/shared/StaffGate';
import { exportFileName } from '../shared/dashboard-view';
import styles from '../shared/dashboard.module.scss';
import { FigureTableView } from '../shared/FigureTableView';
import { RegionSelect } from '../shared/RegionSelect';
import { defaultReportYear, reportTable, yearOptions } from '../shared/report-view';
import { useRemote } from '../shared/useRemote';

/** The draft: the sections in the official layout (the published counts among them), their tables, the blanks the office writes itself. */
function ReportBody({ r }: { r: YearlyReportDto }) {
  return (
    <>
      {r.sections.map((s, si) => (
        <View key={s.heading} className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': s.heading })}>
          <Text className={styles.sectionTitle}>{s.heading}</Text>
          {s.text ? (
            s.text.value.trim() ? (
              <Text className={styles.text}>{s.text.value}</Text>
            ) : (
              <Text className={styles.hint}>待填写：{s.text.hint}</Text>
            )
          ) : null}
          {s.tables.map((t, ti) => (
            <View key={`${si}-${ti}`} className={styles.tableBlock}>
              <FigureTableView table={reportTable(t, `${si}-${ti}`)} />
              {t.note ? <Text className={styles.muted}>说明：{t.note}</Text> : null}
            </View>
          ))}
        </View>
      ))}
    </>
  );
}

/** 年度报告草稿: the region and year, the draft generated from Sunboard's records, 导出 Excel. */
function YearlyReport({ initialRegionId }: { initialRegionId: number | null }) {
  const scope = useScopeOptions();
  const now = useMemo(() => Date.now(), []);
  const years = useMemo(() => yearOptions(now), [now]);
  const [regionId, setRegionId] = useState<number | null>(initialRegionId);
  const [year, setYear] = useState(() => defaultReportYear(now));
  const [exporting, setExporting] = useState(false);
  const allowed = !!scope.options && (regionId === null || scope.options.some((o) => o.id === regionId));
  const fetcher = regionId !== null && allowed ? () => getYearlyReport({ regionId, year }) : null;
  const remote = useRemote<YearlyReportDto>(fetcher, `${regionId}|${year}`);
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const chooseRegion = useCallback((id: number) => setRegionId(id), []);

  if (scope.error) return <ErrorState message={scope.error} onRetry={scope.reload} />;
  if (!scope.options) return <LoadingState text='正在准备…' />;
  if (!scope.options.length) return <EmptyState title='没有负责的区域' text='您的账号还没有负责的区域，请联系管理员。' />;

  const r = remote.data;
  const exportXlsx = async () => {
    if (regionId === null || !r) return;
    setExporting(true);
    try {
      await openXlsx(yearlyReportExportPath({ regionId, year }), exportFileName('政务公开工作年度报告', r.regionName, `${year}年`));
    } catch (err) {
      void Taro.showToast({ title: describeError(err), icon: 'none', duration: 2500 });
    } finally {
      setExporting(false);
    }
  };

  let body;
  if (remote.error && !r) body = <ErrorState message={remote.error} onRetry={() => void remote.reload()} />;
  else if (!r || (remote.loading && (r.regionId !== regionId || r.year !== year))) body = <LoadingState text='正在生成报告草稿…' />;
  else
    body = (
      <>
        <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': '报告' })}>
          <Text className={styles.heading}>{r.title}</Text>
          <Text className={styles.muted}>
            {r.regionName} · {r.year}年 · 生成于 {formatDateTime(r.generatedAt)}
          </Text>
          <Text className={styles.hint}>这是根据平台记录生成的草稿：标“未统计”的数字和“待填写”的段落请核对补充后再发布。部门报告 1 月 31 日前、政府报告 3 月 31 日前公开。</Text>
          <Pressable className={styles.primary} disabled={exporting} onPress={() => void exportXlsx()}>
            {exporting ? '正在导出…' : '导出 Excel'}
          </Pressable>
        </View>
        <ReportBody r={r} />
      </>
    );

  return (
    <View className={styles.page}>
      <View className={styles.section} {...h5Attrs({ role: 'search', 'aria-label': '报告条件' })}>
        <RegionSelect id='report-region' options={scope.options} value={allowed ? regionId : null} onChange={chooseRegion} />
        <SelectField id='report-year' label='报告年度' value={String(year)} options={years} onChange={(v) => setYear(Number(v))} />
      </View>
      {body}
    </View>
  );
}

export default function YearlyReportPage() {
  const { params } = useRouter();
  const id = Number(params.regionId);
  return (
    <PageRoot title='年度报告草稿'>
      <SessionGate>
        <StaffGate>
          <YearlyReport initialRegionId={Number.isSafeInteger(id) && id > 0 ? id : null} />
        </StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
