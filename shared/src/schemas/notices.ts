import { z } from 'zod';
import { DOMAIN_CODES, type Domain } from '../enums/domains';
import { NOTICE_KINDS, type Audience, type Channel, type DisclosureCategory, type DisclosureMethod, type NoticeKind, type NoticeStatus } from '../enums/notice';
import { cursorQuerySchema, idSchema } from './common';
import type { RegionRefDto } from './auth';

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
}
