import { DOMAIN_LABELS, type Domain, NOTICE_KIND_LABELS, type NoticeKind, type RegionRefDto, type SubscriptionTopicDto, type TopicInput } from '@sunboard/shared';

/** A topic as stored: '' for "any" domain or kind. */
export interface StoredTopic {
  regionId: number;
  domain: string;
  kind: string;
}

/** The input topics as stored rows, duplicates collapsed (first occurrence kept, order kept). */
export function normaliseTopics(topics: readonly TopicInput[]): StoredTopic[] {
  const seen = new Set<string>();
  const out: StoredTopic[] = [];
  for (const t of topics) {
    const row = { regionId: t.regionId, domain: t.domain ?? '', kind: t.kind ?? '' };
    const key = `${row.regionId}|${row.domain}|${row.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(row);
  }
  return out;
}

/** 光明社区 · 社会救助 · 全部类型 */
export function topicLabel(regionName: string, domain: string, kind: string): string {
  const d = domain ? (DOMAIN_LABELS[domain as Domain] ?? domain) : '全部领域';
  const k = kind ? (NOTICE_KIND_LABELS[kind as NoticeKind] ?? kind) : '全部类型';
  return `${regionName} · ${d} · ${k}`;
}

export function toTopicDto(row: StoredTopic, region: RegionRefDto): SubscriptionTopicDto {
  return {
    region,
    domain: (row.domain || null) as Domain | null,
    kind: (row.kind || null) as NoticeKind | null,
    label: topicLabel(region.name, row.domain, row.kind),
  };
}
