import Taro from '@tarojs/taro';
import type { DashboardDto, YearlyReportDto } from '@sunboard/shared';
import { toQueryString } from '../lib/format';
import { http } from './http';
import { downloadWithAuth } from './uploads';

/** 数据看板 and the yearly disclosure report draft (issue 7, points 3 and 4), and their xlsx exports. */
export interface DashboardParams {
  regionId: number;
  /** YYYY-MM */
  from?: string;
  /** YYYY-MM */
  to?: string;
}

export interface YearlyReportParams {
  regionId: number;
  year: number;
}

export function getDashboard(params: DashboardParams): Promise<DashboardDto> {
  return http.get<DashboardDto>('/api/dashboard', { regionId: params.regionId, from: params.from, to: params.to });
}

export function dashboardExportPath(params: DashboardParams): string {
  return `/api/dashboard/export${toQueryString({ regionId: params.regionId, from: params.from, to: params.to })}`;
}

export function getYearlyReport(params: YearlyReportParams): Promise<YearlyReportDto> {
  return http.get<YearlyReportDto>('/api/reports/yearly', { regionId: params.regionId, year: params.year });
}

export function yearlyReportExportPath(params: YearlyReportParams): string {
  return `/api/reports/yearly/export${toQueryString({ regionId: params.regionId, year: params.year })}`;
}

/**
 * An xlsx export, fetched with the token: h5 saves it under `fileName` (a download), weapp opens
 * it in WeChat's document viewer, whose menu forwards or saves it.
 */
export async function openXlsx(path: string, fileName: string): Promise<void> {
  const local = await downloadWithAuth(path);
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = local;
    a.download = fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(local), 60_000);
    return;
  }
  await Taro.openDocument({ filePath: local, fileType: 'xlsx', showMenu: true });
}
