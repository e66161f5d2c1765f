/**
 * Subscription topics on the settings page. A topic is a region × optional domain × optional kind
 * (null = any); a notice published for a region reaches the subscribers of that region and of every
 * region above it (a district-wide notice reaches the whole district).
 *
 * The page shows three regions (the home community, its street, the district), each with
 * 全部通知 (any domain and kind), domain chips and a 紧急通知 switch. Topics the page cannot show
 * that way (added from a notice elsewhere, or with another kind) are kept as they are.
 */
export const URGENT_KIND = 'emergency';

export interface Topic {
  regionId: number;
  domain: string | null;
  kind: string | null;
}

/** One region's part of the form. `all` is exclusive with `domains`. */
export interface RegionTopicsForm {
  regionId: number;
  all: boolean;
  domains: string[];
  urgent: boolean;
}

export interface TopicsForm {
  regions: RegionTopicsForm[];
  /** Topics not shown as chips; saved unchanged unless removed. */
  others: Topic[];
}

const blankToNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);

/** The server may send '' or omit the field for "any": one shape here. */
export function normaliseTopic(t: { regionId: number; domain?: string | null; kind?: string | null }): Topic {
  return { regionId: t.regionId, domain: blankToNull(t.domain), kind: blankToNull(t.kind) };
}

export function topicKey(t: Topic): string {
  return `${t.regionId}|${t.domain ?? ''}|${t.kind ?? ''}`;
}

export function uniqueTopics(topics: ReadonlyArray<Topic>): Topic[] {
  const seen = new Set<string>();
  const out: Topic[] = [];
  for (const raw of topics) {
    const t = normaliseTopic(raw);
    const key = topicKey(t);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

export function formFromTopics(topics: ReadonlyArray<Topic>, regionIds: ReadonlyArray<number>): TopicsForm {
  const regions = regionIds.map((regionId): RegionTopicsForm => ({ regionId, all: false, domains: [], urgent: false }));
  const byId = new Map(regions.map((r) => [r.regionId, r]));
  const others: Topic[] = [];
  for (const t of uniqueTopics(topics)) {
    const form = byId.get(t.regionId);
    if (!form) others.push(t);
    else if (t.domain === null && t.kind === null) form.all = true;
    else if (t.domain === null && t.kind === URGENT_KIND) form.urgent = true;
    else if (t.domain !== null && t.kind === null) form.domains.push(t.domain);
    else others.push(t);
  }
  for (const r of regions) if (r.all) r.domains = [];
  return { regions, others };
}

export function topicsFromForm(form: TopicsForm): Topic[] {
  const out: Topic[] = [];
  for (const r of form.regions) {
    if (r.all) out.push({ regionId: r.regionId, domain: null, kind: null });
    else for (const d of r.domains) out.push({ regionId: r.regionId, domain: d, kind: null });
    if (r.urgent) out.push({ regionId: r.regionId, domain: null, kind: URGENT_KIND });
  }
  return uniqueTopics([...out, ...form.others]);
}

/** Tapping 全部通知: on clears the single domains; off leaves nothing chosen. */
export function toggleAll(r: RegionTopicsForm): RegionTopicsForm {
  return { ...r, all: !r.all, domains: [] };
}

/** Tapping a domain chip turns 全部通知 off. */
export function toggleDomain(r: RegionTopicsForm, domain: string): RegionTopicsForm {
  const domains = r.domains.includes(domain) ? r.domains.filter((d) => d !== domain) : [...r.domains, domain];
  return { ...r, all: false, domains };
}

export function toggleUrgent(r: RegionTopicsForm): RegionTopicsForm {
  return { ...r, urgent: !r.urgent };
}

export function sameTopics(a: ReadonlyArray<Topic>, b: ReadonlyArray<Topic>): boolean {
  const ka = new Set(uniqueTopics(a).map(topicKey));
  const kb = new Set(uniqueTopics(b).map(topicKey));
  return ka.size === kb.size && [...ka].every((k) => kb.has(k));
}

/** Adds a topic unless it is already there or an existing topic already covers it (same region, any domain/kind). */
export function withTopic(topics: ReadonlyArray<Topic>, topic: Topic): { topics: Topic[]; added: boolean } {
  const list = uniqueTopics(topics);
  const t = normaliseTopic(topic);
  const covered = list.some(
    (x) => x.regionId === t.regionId && (x.domain === null || x.domain === t.domain) && (x.kind === null || x.kind === t.kind),
  );
  return covered ? { topics: list, added: false } : { topics: [...list, t], added: true };
}

/** How many topics the form holds, for the page's summary line. */
export function countTopics(form: TopicsForm): number {
  return topicsFromForm(form).length;
}

export interface RegionLike {
  id: number;
  name: string;
  level: string;
}

export interface SubscriptionRegion {
  id: number;
  name: string;
  /** 我的社区 / 所属街道 / 所属区县 */
  role: string;
}

const STREET_LEVELS = new Set(['street', 'town']);

/**
 * The regions the settings page offers: the home region, its street (or town) and its district,
 * home first. `ancestors` run from the root down to the home region's parent.
 */
export function subscriptionRegions(home: RegionLike, ancestors: ReadonlyArray<RegionLike>): SubscriptionRegion[] {
  const out: SubscriptionRegion[] = [{ id: home.id, name: home.name, role: home.level === 'village' ? '我的村' : '我的社区' }];
  const street = [...ancestors].reverse().find((a) => STREET_LEVELS.has(a.level));
  if (street) out.push({ id: street.id, name: street.name, role: street.level === 'town' ? '所属乡镇' : '所属街道' });
  const district = ancestors.find((a) => a.level === 'district');
  if (district) out.push({ id: district.id, name: district.name, role: '所属区县' });
  return out;
}

/** A topic in words: `湛南社区 · 社会救助`, `河滨街道 · 全部通知`, `湛河区 · 紧急通知`. */
export function describeTopic(
  t: Topic,
  regionName: string,
  labels: { domain: (code: string) => string; kind: (code: string) => string },
): string {
  const parts: string[] = [];
  if (t.domain) parts.push(labels.domain(t.domain));
  if (t.kind) parts.push(t.kind === URGENT_KIND ? '紧急通知' : labels.kind(t.kind));
  return `${regionName} · ${parts.length ? parts.join(' · ') : '全部通知'}`;
}

/** One region's subscriptions in words: `全部通知` / `已选 2 个领域、紧急通知` / `未订阅`. */
export function regionSummary(r: RegionTopicsForm): string {
  if (r.all) return '全部通知';
  const parts: string[] = [];
  if (r.domains.length) parts.push(`已选 ${r.domains.length} 个领域`);
  if (r.urgent) parts.push('紧急通知');
  return parts.length ? parts.join('、') : '未订阅';
}
