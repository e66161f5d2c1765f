import type {
  ApproveNoticeInput,
  CreateNoticeInput,
  NoticeReachDto,
  NoticeStatus,
  Page,
  StaffNoticeCardDto,
  StaffNoticeDetailDto,
  UpdateNoticeInput,
} from '@sunboard/shared';
import { ApiError } from '../lib/api-error';
import { composeFormFromNotice, maskFormPersonalData, validateComposeForm } from '../lib/compose-form';
import { http } from './http';

/** Writing and reviewing notices (先审后发). Every step answers with the notice as staff see it. */
const idPath = (id: number) => `/api/notices/${encodeURIComponent(String(id))}`;

export function createNotice(input: CreateNoticeInput): Promise<StaffNoticeDetailDto> {
  return http.post<StaffNoticeDetailDto>('/api/notices', input);
}

export function updateNotice(id: number, patch: UpdateNoticeInput): Promise<StaffNoticeDetailDto> {
  return http.patch<StaffNoticeDetailDto>(idPath(id), patch);
}

/** May answer 400 PERSONAL_DATA_FOUND with details naming each field and an excerpt. */
export function submitNotice(id: number): Promise<StaffNoticeDetailDto> {
  return http.post<StaffNoticeDetailDto>(`${idPath(id)}/submit`, {});
}

export function approveNotice(id: number, input: ApproveNoticeInput): Promise<StaffNoticeDetailDto> {
  return http.post<StaffNoticeDetailDto>(`${idPath(id)}/approve`, input);
}

export function rejectNotice(id: number, reason: string): Promise<StaffNoticeDetailDto> {
  return http.post<StaffNoticeDetailDto>(`${idPath(id)}/reject`, { reason });
}

export function withdrawNotice(id: number, reason: string): Promise<StaffNoticeDetailDto> {
  return http.post<StaffNoticeDetailDto>(`${idPath(id)}/withdraw`, { reason });
}

export interface StaffNoticesParams {
  status?: NoticeStatus;
  mine?: boolean;
  cursor?: string | null;
  limit?: number;
}

/** Notices in the caller's scope, newest first: `mine` = my drafts; `status=pending_review` = the review queue. */
export function listStaffNotices(params: StaffNoticesParams): Promise<Page<StaffNoticeCardDto>> {
  return http.get<Page<StaffNoticeCardDto>>('/api/staff/notices', {
    status: params.status,
    mine: params.mine ? 'true' : undefined,
    cursor: params.cursor ?? undefined,
    limit: params.limit,
  });
}

export function getStaffNotice(id: number): Promise<StaffNoticeDetailDto> {
  return http.get<StaffNoticeDetailDto>(`/api/staff/notices/${encodeURIComponent(String(id))}`);
}

/** 知晓率: residents of the notice's region subtree and how many of them have read it. */
export function getNoticeReach(id: number): Promise<NoticeReachDto> {
  return http.get<NoticeReachDto>(`/api/staff/notices/${encodeURIComponent(String(id))}/reach`);
}

/**
 * The one-tap fix from a staff notice page: the notice's own text with every ID and mobile number
 * masked, saved, then submitted again. Answers how many numbers were masked with the new state.
 */
export async function maskAndSubmit(notice: StaffNoticeDetailDto): Promise<{ notice: StaffNoticeDetailDto; masked: number }> {
  const { form, count } = maskFormPersonalData(composeFormFromNotice(notice));
  const checked = validateComposeForm(form);
  if (!checked.ok) throw new ApiError({ status: 400, code: 'VALIDATION_FAILED', message: Object.values(checked.errors)[0] ?? '内容有误，请打开编辑页修改' });
  await updateNotice(notice.id, checked.input);
  return { notice: await submitNotice(notice.id), masked: count };
}
