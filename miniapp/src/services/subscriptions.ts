import type { PushCreditDto, SubscriptionsDto, SubscriptionTopicDto } from '@sunboard/shared';
import type { CreditInfo, SubscribeAnswer } from '../lib/subscribe-request';
import { normaliseTopic, type Topic } from '../lib/subscription-topics';
import { http, request } from './http';

/**
 * Topics (`/api/subscriptions`) and reminder credits (`/api/subscriptions/credits`).
 * "Any" domain/kind travels as null (the server stores it as '').
 */

/** A saved topic with what the server says about it (the region's name, the topic in words). */
export interface SavedTopic extends Topic {
  regionName: string;
  label: string;
}

function readTopics(res: SubscriptionsDto): SavedTopic[] {
  return res.topics.map((t: SubscriptionTopicDto) => ({
    ...normaliseTopic({ regionId: t.region.id, domain: t.domain, kind: t.kind }),
    regionName: t.region.name,
    label: t.label,
  }));
}

export async function getSubscriptions(): Promise<SavedTopic[]> {
  return readTopics(await http.get<SubscriptionsDto>('/api/subscriptions'));
}

/** Replaces the resident's topics; answers the saved list. */
export async function saveSubscriptions(topics: ReadonlyArray<Topic>): Promise<SavedTopic[]> {
  const body = { topics: topics.map((t) => ({ regionId: t.regionId, domain: t.domain, kind: t.kind })) };
  return readTopics(await request<SubscriptionsDto>('/api/subscriptions', { method: 'PUT', body }));
}

function readCredits(res: { items: PushCreditDto[] }): CreditInfo[] {
  return res.items.map((c) => ({ ...c }));
}

/** Per message type: its template, long-term or not, credits left, accepted, switched off. */
export async function getCredits(): Promise<CreditInfo[]> {
  return readCredits(await http.get<{ items: PushCreditDto[] }>('/api/subscriptions/credits'));
}

/** Reports what the resident answered in WeChat's dialog; answers the credits afterwards. */
export async function reportSubscribeResults(results: Record<string, SubscribeAnswer>): Promise<CreditInfo[]> {
  return readCredits(await http.post<{ items: PushCreditDto[] }>('/api/subscriptions/credits', { results }));
}
