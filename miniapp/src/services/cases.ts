import type {
  CaseClaimInput,
  CaseCorrectionInput,
  CaseDetailDto,
  CaseFinishInput,
  CaseProgressInput,
  CaseResidentDto,
  CaseResumeInput,
  CaseStatus,
  CaseSummaryDto,
  CaseTypeDto,
  OpenCaseInput,
  Page,
} from '@sunboard/shared';
import { http } from './http';

/** 办件: a resident's applications and the staff steps on them (issue 5). */
const casePath = (id: number) => `/api/cases/${encodeURIComponent(String(id))}`;

export function listCaseTypes(): Promise<CaseTypeDto[]> {
  return http.get<CaseTypeDto[]>('/api/case-types');
}

export function listMyCases(query: { cursor?: string | null; limit?: number } = {}): Promise<Page<CaseSummaryDto>> {
  return http.get<Page<CaseSummaryDto>>('/api/cases/mine', { cursor: query.cursor, limit: query.limit });
}

/** Wrong data → 400 CASE_CLAIM_FAILED; too many tries → 429. */
export function claimCase(input: CaseClaimInput): Promise<CaseDetailDto> {
  return http.post<CaseDetailDto>('/api/cases/claim', input);
}

export function getCase(id: number): Promise<CaseDetailDto> {
  return http.get<CaseDetailDto>(casePath(id));
}

export interface StaffCaseQuery {
  status?: CaseStatus;
  overdue?: boolean;
  regionId?: number;
  q?: string;
  cursor?: string | null;
  limit?: number;
}

export function listStaffCases(query: StaffCaseQuery = {}): Promise<Page<CaseSummaryDto>> {
  return http.get<Page<CaseSummaryDto>>('/api/staff/cases', {
    status: query.status,
    overdue: query.overdue ? true : undefined,
    regionId: query.regionId,
    q: query.q,
    cursor: query.cursor,
    limit: query.limit,
  });
}

export function searchCaseResidents(regionId: number, q?: string): Promise<CaseResidentDto[]> {
  return http.get<CaseResidentDto[]>('/api/staff/cases/residents', { regionId, q });
}

export function openCase(input: OpenCaseInput): Promise<CaseDetailDto> {
  return http.post<CaseDetailDto>('/api/cases', input);
}

export function recordCaseProgress(id: number, input: CaseProgressInput): Promise<CaseDetailDto> {
  return http.post<CaseDetailDto>(`${casePath(id)}/progress`, input);
}

export function requestCaseCorrection(id: number, input: CaseCorrectionInput): Promise<CaseDetailDto> {
  return http.post<CaseDetailDto>(`${casePath(id)}/correction`, input);
}

export function resumeCase(id: number, input: CaseResumeInput = {}): Promise<CaseDetailDto> {
  return http.post<CaseDetailDto>(`${casePath(id)}/resume`, input);
}

export function finishCase(id: number, input: CaseFinishInput): Promise<CaseDetailDto> {
  return http.post<CaseDetailDto>(`${casePath(id)}/finish`, input);
}
