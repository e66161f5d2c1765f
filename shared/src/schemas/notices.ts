import { z } from 'zod';
import { DOMAIN_CODES, type Domain } from '../enums/domains';
import { NOTICE_KINDS, type Audience, type Channel, type DisclosureCategory, type DisclosureMethod, type NoticeKind, type NoticeStatus } from '../enums/notice';
import { cursorQuerySchema, idSchema } from './common';
import type { RegionRefDto } from './auth';
import type { AttachmentDto, NoticeTableDto } from './uploads';

/** `GET /api/notices`: published notices of a region and of the regions above it. */
export const noticeFeedQuerySchema = cursorQuerySchema.extend({
  regionId: idSchema.optional(),
  domain: z.enum(DOMAIN_CODES, { message: '领域无效' }).optional(),
  kind: z.enum(NOTICE_KINDS, { message: '类别无效' }).optional(),
  q: z.string().trim().max(50, { message: '搜索词不能超过 50 个字' }).optional(),
});
export type NoticeFeedQuery = z.infer<typeof noticeFeedQuerySchema>;

/** A notice as a card in the feed. */
export interface NoticeCardDto {
  id: number;
  title: string;
  /** The first ~80 characters of the body as plain text. */
  summary: string;
  kind: NoticeKind;
  domain: Domain;
  region: RegionRefDto;
  publisher: string;
  publishedAt: string | null;
  urgent: boolean;
  pinned: boolean;
  status: NoticeStatus;
}

/** The eight standard elements and the rest of a notice. */
export interface NoticeDetailDto extends NoticeCardDto {
  /** 内容: sanitised HTML. */
  body: string;
  /** 依据 */
  basis: string;
  /** 时限 */
  timeLimit: string;
  /** 方式 */
  method: DisclosureMethod;
  /** 渠道 */
  channels: Channel[];
  /** 公开对象 */
  audience: Audience;
  category: DisclosureCategory;
  docNo: string | null;
  indexNo: string | null;
  validFrom: string | null;
  validUntil: string | null;
  publicityStartsAt: string | null;
  publicityEndsAt: string | null;
  interpretationId: number | null;
  updatedAt: string;
  /** 办事指南 fields; null for other kinds. */
  guide: NoticeGuideDto | null;
  /** Starts at 1; each correction after publishing adds one. */
  version: number;
  /** 已更正: corrected after publishing (earlier versions stay readable under /versions). */
  corrected: boolean;
  attachments: AttachmentDto[];
  /** The 公示 list; null when there is none or, for residents, once the 公示 period has ended. */
  table: NoticeTableDto | null;
  /** The 政策解读 explaining this notice (published ones only, for residents). */
  interpretation: NoticeRefDto | null;
  /** For a 政策解读: the notices it explains (linked both ways). */
  interprets: NoticeRefDto[];
}

/** 办事指南: 办理条件, 所需材料, 办理流程, 办理地点和时间, 咨询电话, 监督举报电话. */
export interface NoticeGuideDto {
  conditions: string;
  materials: string[];
  steps: string[];
  placeAndTime: string;
  consultPhone: string;
  complaintPhone: string;
}

/** A link to another notice. */
export interface NoticeRefDto {
  id: number;
  title: string;
}

/** One published version of a notice in `GET /api/notices/:id/versions`. */
export interface NoticeVersionSummaryDto {
  version: number;
  /** When this version went live. */
  publishedAt: string;
  current: boolean;
}

/** An earlier (or the current) published version, as it read then. */
export interface NoticeVersionDto {
  noticeId: number;
  version: number;
  publishedAt: string;
  current: boolean;
  title: string;
  /** Sanitised HTML. */
  body: string;
  basis: string;
  timeLimit: string;
  publisher: string;
  method: DisclosureMethod;
  channels: Channel[];
  audience: Audience;
  domain: Domain;
  category: DisclosureCategory;
  kind: NoticeKind;
  docNo: string | null;
  indexNo: string | null;
  validFrom: string | null;
  validUntil: string | null;
  publicityStartsAt: string | null;
  publicityEndsAt: string | null;
  guide: NoticeGuideDto | null;
}

/** What the caller may do next with a notice (staff views). */
export type NoticeAction = 'edit' | 'submit' | 'approve' | 'reject' | 'withdraw' | 'correct';

/** A notice in a staff list (my drafts, the review queue). */
export interface StaffNoticeCardDto extends NoticeCardDto {
  version: number;
  corrected: boolean;
  author: { id: number; displayName: string } | null;
  /** Why the reviewer sent it back (shown to the author until it is submitted again). */
  rejectionReason: string | null;
  /** A grid worker's correction of this published notice waits for review. */
  hasPendingRevision: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A grid worker's correction of a published notice, waiting for a reviewer. */
export interface NoticeRevisionDto {
  author: { id: number; displayName: string } | null;
  submittedAt: string;
  /** The fields the correction changes (the same shape as PATCH /api/notices/:id). */
  changes: Record<string, unknown>;
}

/** A notice as staff covering its region see it: any status, with the workflow around it. */
export interface StaffNoticeDetailDto extends NoticeDetailDto {
  regionId: number;
  author: { id: number; displayName: string } | null;
  reviewer: { id: number; displayName: string } | null;
  rejectionReason: string | null;
  withdrawalReason: string | null;
  /** The table is kept for staff after the 公示 ends, but residents no longer see it. */
  tableHiddenFromResidents: boolean;
  attachmentIds: number[];
  pendingRevision: NoticeRevisionDto | null;
  createdAt: string;
  /** What the caller may do now. */
  actions: NoticeAction[];
}

/** 知晓率: how many residents of the notice's region subtree have opened it. */
export interface NoticeReachDto {
  noticeId: number;
  /** Users whose home region lies inside the notice's region (or below it). */
  residentsInScope: number;
  /** Of those, how many have opened the notice. */
  readers: number;
  /** readers / residentsInScope (0 when nobody lives there), 4 decimals. */
  rate: number;
  /** Readers whose home lies elsewhere (a shared link), not counted in the rate. */
  readersOutsideScope: number;
}
