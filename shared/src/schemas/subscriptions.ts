import { z } from 'zod';
import { DOMAIN_CODES, type Domain } from '../enums/domains';
import { NOTICE_KINDS, type NoticeKind } from '../enums/notice';
import type { RegionRefDto } from './auth';
import { idSchema } from './common';

/** Topics a resident may hold at once. */
export const MAX_TOPICS = 50;

/**
 * One topic: notices for this region (or for a region above it — a street-wide notice reaches every
 * subscriber of its communities) of this domain and kind; a missing or null domain/kind means any.
 */
export const topicSchema = z
  .object({
    regionId: idSchema,
    domain: z.enum(DOMAIN_CODES, { message: '领域无效：必须是目录中的 26 个试点领域之一' }).nullable().optional(),
    kind: z.enum(NOTICE_KINDS, { message: `类型无效：必须是 ${NOTICE_KINDS.join('、')} 之一` }).nullable().optional(),
  })
  .strict();
export type TopicInput = z.infer<typeof topicSchema>;

/** `PUT /api/subscriptions`: the caller's whole set of topics (duplicates collapse into one). */
export const putSubscriptionsSchema = z
  .object({
    topics: z.array(topicSchema, { message: 'topics 必须是数组' }).max(MAX_TOPICS, { message: `最多订阅 ${MAX_TOPICS} 个主题` }),
  })
  .strict();
export type PutSubscriptionsInput = z.infer<typeof putSubscriptionsSchema>;

export interface SubscriptionTopicDto {
  region: RegionRefDto;
  domain: Domain | null;
  kind: NoticeKind | null;
  /** Plain words for the settings page: 光明社区 · 社会救助 · 全部类型 */
  label: string;
}

export interface SubscriptionsDto {
  topics: SubscriptionTopicDto[];
}
