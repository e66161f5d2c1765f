import type {
  FollowupAppealDecisionInput,
  FollowupAppealInput,
  FollowupConfirmInput,
  FollowupDto,
  FollowupReplyInput,
  FollowupStatus,
  Page,
  RateInput,
  RatingDto,
  RatingSummaryDto,
  RatingTargetType,
  StaffFollowupDto,
} from '@sunboard/shared';
import { http, request } from './http';

/** 好差评 (issue 7): ratings of notices, cases and consultations, and the follow-up of each 差评. */
const ratingPath = (id: number) => `/api/ratings/${encodeURIComponent(String(id))}`;
const followupPath = (id: number) => `/api/followups/${encodeURIComponent(String(id))}`;

/** Rate a target, or change my rating while it may still be changed. */
export function rate(input: RateInput): Promise<RatingDto> {
  return request<RatingDto>('/api/ratings', { method: 'PUT', body: input });
}

/** The target's summary (满意率), whether it can be rated now, and my own rating of it. */
export function getRatingSummary(targetType: RatingTargetType, targetId: number): Promise<RatingSummaryDto> {
  return http.get<RatingSummaryDto>('/api/ratings/target', { targetType, targetId });
}

export function listMyRatings(query: { cursor?: string | null; limit?: number } = {}): Promise<Page<RatingDto>> {
  return http.get<Page<RatingDto>>('/api/ratings/mine', { cursor: query.cursor, limit: query.limit });
}

export function getRating(id: number): Promise<RatingDto> {
  return http.get<RatingDto>(ratingPath(id));
}

/** The rater's 回访 answer to a reply. */
export function confirmFollowup(id: number, input: FollowupConfirmInput): Promise<FollowupDto> {
  return http.post<FollowupDto>(`${followupPath(id)}/confirm`, input);
}

// ---- staff ----

export interface StaffFollowupQuery {
  status?: FollowupStatus;
  overdue?: boolean;
  regionId?: number;
  cursor?: string | null;
  limit?: number;
}

export function listStaffFollowups(query: StaffFollowupQuery = {}): Promise<Page<StaffFollowupDto>> {
  return http.get<Page<StaffFollowupDto>>('/api/staff/followups', {
    status: query.status,
    overdue: query.overdue ? true : undefined,
    regionId: query.regionId,
    cursor: query.cursor,
    limit: query.limit,
  });
}

export function getFollowup(id: number): Promise<StaffFollowupDto> {
  return http.get<StaffFollowupDto>(followupPath(id));
}

/** 核实情况, 答复内容 and 整改情况: the resident is told and asked to confirm. */
export function replyFollowup(id: number, input: FollowupReplyInput): Promise<StaffFollowupDto> {
  return http.post<StaffFollowupDto>(`${followupPath(id)}/reply`, input);
}

/** Contest a mistaken or malicious rating; a reviewer above decides. */
export function appealFollowup(id: number, input: FollowupAppealInput): Promise<StaffFollowupDto> {
  return http.post<StaffFollowupDto>(`${followupPath(id)}/appeal`, input);
}

export function decideAppeal(id: number, input: FollowupAppealDecisionInput): Promise<StaffFollowupDto> {
  return http.post<StaffFollowupDto>(`${followupPath(id)}/appeal/decision`, input);
}
