import type {
  AnswerCommentsInput,
  CommentDto,
  CommentResultDto,
  ConcludeConsultationInput,
  ConsultationCardDto,
  ConsultationDetailDto,
  CreateCommentInput,
  CreateProxyCommentInput,
  ModerateCommentInput,
  MyCommentDto,
  Page,
  StaffCommentDto,
  StaffConsultationCardDto,
} from '@sunboard/shared';
import { http, request } from './http';

/** 征求意见 (issue 6): consultations, comments, moderation and answers. */
const path = (id: number) => `/api/consultations/${encodeURIComponent(String(id))}`;
const commentPath = (id: number) => `/api/consultation-comments/${encodeURIComponent(String(id))}`;

export function listConsultations(query: { cursor?: string | null; limit?: number; regionId?: number } = {}): Promise<Page<ConsultationCardDto>> {
  return http.get<Page<ConsultationCardDto>>('/api/consultations', { cursor: query.cursor, limit: query.limit, regionId: query.regionId });
}

export function getConsultation(id: number): Promise<ConsultationDetailDto> {
  return http.get<ConsultationDetailDto>(path(id));
}

/** `paragraphId` 0: comments on the whole draft. */
export function listComments(id: number, query: { paragraphId?: number; cursor?: string | null; limit?: number } = {}): Promise<Page<CommentDto>> {
  return http.get<Page<CommentDto>>(`${path(id)}/comments`, { paragraphId: query.paragraphId, cursor: query.cursor, limit: query.limit });
}

export function postComment(id: number, input: CreateCommentInput): Promise<CommentResultDto> {
  return http.post<CommentResultDto>(`${path(id)}/comments`, input);
}

export function postProxyComment(id: number, input: CreateProxyCommentInput): Promise<CommentResultDto> {
  return http.post<CommentResultDto>(`${path(id)}/proxy-comments`, input);
}

export function setFollow(id: number, on: boolean): Promise<ConsultationDetailDto> {
  return request<ConsultationDetailDto>(`${path(id)}/follow`, { method: on ? 'PUT' : 'DELETE' });
}

export function listMyComments(query: { cursor?: string | null; limit?: number } = {}): Promise<Page<MyCommentDto>> {
  return http.get<Page<MyCommentDto>>('/api/consultations/mine/comments', { cursor: query.cursor, limit: query.limit });
}

export function supportComment(commentId: number): Promise<CommentDto> {
  return http.post<CommentDto>(`${commentPath(commentId)}/support`);
}

export function reportComment(commentId: number, reason = ''): Promise<CommentDto> {
  return http.post<CommentDto>(`${commentPath(commentId)}/report`, { reason });
}

// ---- staff ----

export function listStaffConsultations(query: { cursor?: string | null; limit?: number } = {}): Promise<Page<StaffConsultationCardDto>> {
  return http.get<Page<StaffConsultationCardDto>>('/api/consultations/staff', { cursor: query.cursor, limit: query.limit });
}

export function moderationQueue(query: { status?: 'pending' | 'visible' | 'hidden'; cursor?: string | null; limit?: number } = {}): Promise<Page<StaffCommentDto>> {
  return http.get<Page<StaffCommentDto>>('/api/consultations/moderation', { status: query.status, cursor: query.cursor, limit: query.limit });
}

export function moderateComment(commentId: number, input: ModerateCommentInput): Promise<StaffCommentDto> {
  return http.post<StaffCommentDto>(`${commentPath(commentId)}/moderate`, input);
}

export function replyComment(commentId: number, body: string): Promise<StaffCommentDto> {
  return http.post<StaffCommentDto>(`${commentPath(commentId)}/replies`, { body });
}

export function listStaffComments(id: number, query: { cursor?: string | null; limit?: number } = {}): Promise<Page<StaffCommentDto>> {
  return http.get<Page<StaffCommentDto>>(`${path(id)}/staff-comments`, { cursor: query.cursor, limit: query.limit });
}

export function answerComments(id: number, input: AnswerCommentsInput): Promise<StaffCommentDto[]> {
  return http.post<StaffCommentDto[]>(`${path(id)}/answers`, input);
}

export function concludeConsultation(id: number, input: ConcludeConsultationInput): Promise<ConsultationDetailDto> {
  return http.post<ConsultationDetailDto>(`${path(id)}/conclude`, input);
}
