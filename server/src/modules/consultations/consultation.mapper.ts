import {
  COMMENT_HOLD_REASON_LABELS,
  CONSULTATION_STATUS_LABELS,
  CONSULTATION_TYPE_LABELS,
  type CommentDto,
  type CommentReplyDto,
  type ConsultationCardDto,
  type StaffCommentDto,
} from '@sunboard/shared';
import type { Consultation, ConsultationComment } from './consultation.entity';
import { statusOf } from './consultation-rules';

export function toCardDto(c: Consultation, regionName: string, commentCount: number, now: Date): ConsultationCardDto {
  const status = statusOf(c, now);
  return {
    id: c.id,
    title: c.title,
    type: c.type,
    typeLabel: CONSULTATION_TYPE_LABELS[c.type],
    status,
    statusLabel: CONSULTATION_STATUS_LABELS[status],
    regionId: c.regionId,
    regionName,
    opensAt: new Date(c.opensAt).toISOString(),
    closesAt: new Date(c.closesAt).toISOString(),
    commentCount,
  };
}

/** What the viewer knows about one comment beyond its row. */
export interface CommentContext {
  headings: Map<number, string>;
  replies: Map<number, CommentReplyDto[]>;
  supported: Set<number>;
  reported: Set<number>;
  viewerId: number | null;
}

/** A comment as residents see it: a hidden one keeps its place with no body (the app shows 该意见已隐藏). */
export function toCommentDto(row: ConsultationComment, ctx: CommentContext): CommentDto {
  const hidden = row.status === 'hidden';
  return {
    id: row.id,
    consultationId: row.consultationId,
    paragraphId: row.paragraphId,
    paragraphHeading: row.paragraphId === null ? null : (ctx.headings.get(row.paragraphId) ?? null),
    body: hidden ? null : row.body,
    status: row.status,
    hiddenReason: hidden ? row.hiddenReason : null,
    authorName: row.authorName,
    proxy: row.enteredBy !== null,
    supportCount: Number(row.supportCount),
    supportedByMe: ctx.supported.has(row.id),
    reportedByMe: ctx.reported.has(row.id),
    mine: ctx.viewerId !== null && row.authorId === ctx.viewerId,
    adoption: row.adoption,
    adoptionReason: row.adoptionReason,
    replies: ctx.replies.get(row.id) ?? [],
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** Staff see the body even when hidden, why it waits, and for 代录 the resident's name and masked contact. */
export function toStaffCommentDto(
  row: ConsultationComment,
  ctx: CommentContext,
  extra: { consultationTitle: string; proxyResidentName: string | null; proxyResidentPhone: string | null; enteredByName: string | null },
): StaffCommentDto {
  return {
    ...toCommentDto(row, ctx),
    body: row.body,
    hiddenReason: row.hiddenReason,
    consultationTitle: extra.consultationTitle,
    holdReason: row.status === 'pending' ? row.holdReason : null,
    holdReasonLabel: row.status === 'pending' && row.holdReason ? COMMENT_HOLD_REASON_LABELS[row.holdReason] : null,
    reportCount: Number(row.reportCount),
    proxyResidentName: extra.proxyResidentName,
    proxyResidentPhone: extra.proxyResidentPhone,
    enteredByName: extra.enteredByName,
    answeredAt: row.answeredAt ? new Date(row.answeredAt).toISOString() : null,
  };
}
