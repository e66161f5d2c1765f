import {
  describeTopic,
  formFromTopics,
  normaliseTopic,
  regionSummary,
  sameTopics,
  subscriptionRegions,
  toggleAll,
  toggleDomain,
  toggleUrgent,
  topicsFromForm,
  uniqueTopics,
  withTopic,
  type Topic,
} from './subscription-topics';

const t = (regionId: number, domain: string | null = null, kind: string | null = null): Topic => ({ regionId, domain, kind });

describe('normaliseTopic / uniqueTopics', () => {
  it('reads "" and a missing field as "any"', () => {
    expect(normaliseTopic({ regionId: 3, domain: '', kind: undefined })).toEqual(t(3));
  });
  it('drops duplicates, whatever spelling of "any" they use', () => {
    expect(uniqueTopics([t(3), { regionId: 3, domain: '', kind: '' }, t(3, 'social_assistance')])).toEqual([t(3), t(3, 'social_assistance')]);
  });
});

describe('formFromTopics / topicsFromForm', () => {
  const regions = [10, 5, 1];

  it('splits topics into 全部, domain chips and 紧急通知 per region, and keeps the rest apart', () => {
    const form = formFromTopics([t(10, 'social_assistance'), t(10, null, 'emergency'), t(5), t(99, 'education'), t(10, 'education', 'publicity')], regions);
    expect(form.regions).toEqual([
      { regionId: 10, all: false, domains: ['social_assistance'], urgent: true },
      { regionId: 5, all: true, domains: [], urgent: false },
      { regionId: 1, all: false, domains: [], urgent: false },
    ]);
    expect(form.others).toEqual([t(99, 'education'), t(10, 'education', 'publicity')]);
  });

  it('gives back the same topics it was built from (round trip)', () => {
    const topics = [t(10, 'social_assistance'), t(10, 'education'), t(10, null, 'emergency'), t(5), t(1, null, 'emergency'), t(42, 'health')];
    expect(sameTopics(topicsFromForm(formFromTopics(topics, regions)), topics)).toBe(true);
  });

  it('lets 全部 win over single domains of the same region', () => {
    const form = formFromTopics([t(10, 'social_assistance'), t(10)], regions);
    expect(form.regions[0]).toEqual({ regionId: 10, all: true, domains: [], urgent: false });
    expect(topicsFromForm(form)).toEqual([t(10)]);
  });

  it('saves nothing for an empty form', () => {
    expect(topicsFromForm(formFromTopics([], regions))).toEqual([]);
  });
});

describe('chip toggles', () => {
  const base = { regionId: 10, all: false, domains: ['education'], urgent: false };
  it('全部 clears the single domains, and a domain turns 全部 off', () => {
    const all = toggleAll(base);
    expect(all).toEqual({ ...base, all: true, domains: [] });
    expect(toggleDomain(all, 'health')).toEqual({ ...base, all: false, domains: ['health'] });
  });
  it('a second tap on a domain removes it', () => {
    expect(toggleDomain(base, 'education').domains).toEqual([]);
  });
  it('紧急通知 is independent', () => {
    expect(toggleUrgent(toggleAll(base))).toEqual({ regionId: 10, all: true, domains: [], urgent: true });
  });
});

describe('withTopic', () => {
  it('adds a region × domain topic that is not there', () => {
    const r = withTopic([t(10, null, 'emergency')], t(10, 'social_assistance'));
    expect(r.added).toBe(true);
    expect(r.topics).toEqual([t(10, null, 'emergency'), t(10, 'social_assistance')]);
  });
  it('does not add what an existing topic already covers', () => {
    expect(withTopic([t(10)], t(10, 'social_assistance')).added).toBe(false);
    expect(withTopic([t(10, 'social_assistance')], { regionId: 10, domain: 'social_assistance', kind: '' }).added).toBe(false);
  });
  it('a topic of another region does not cover it', () => {
    expect(withTopic([t(5)], t(10, 'health')).added).toBe(true);
  });
});

describe('subscriptionRegions', () => {
  const district = { id: 1, name: '湛河区', level: 'district' };
  const street = { id: 5, name: '河滨街道', level: 'street' };
  it('offers the community, its street and the district, home first', () => {
    expect(subscriptionRegions({ id: 10, name: '湛南社区', level: 'community' }, [district, street])).toEqual([
      { id: 10, name: '湛南社区', role: '我的社区' },
      { id: 5, name: '河滨街道', role: '所属街道' },
      { id: 1, name: '湛河区', role: '所属区县' },
    ]);
  });
  it('names a village and its town as such', () => {
    const town = { id: 6, name: '曹镇乡', level: 'town' };
    expect(subscriptionRegions({ id: 11, name: '曹镇村', level: 'village' }, [district, town]).map((r) => r.role)).toEqual(['我的村', '所属乡镇', '所属区县']);
  });
  it('works without ancestors', () => {
    expect(subscriptionRegions({ id: 10, name: '湛南社区', level: 'community' }, [])).toHaveLength(1);
  });
});

describe('describeTopic', () => {
  const labels = { domain: (c: string) => (c === 'social_assistance' ? '社会救助' : c), kind: (c: string) => (c === 'publicity' ? '公示' : c) };
  it('says the topic in words', () => {
    expect(describeTopic(t(10, 'social_assistance'), '湛南社区', labels)).toBe('湛南社区 · 社会救助');
    expect(describeTopic(t(5), '河滨街道', labels)).toBe('河滨街道 · 全部通知');
    expect(describeTopic(t(1, null, 'emergency'), '湛河区', labels)).toBe('湛河区 · 紧急通知');
    expect(describeTopic(t(1, 'social_assistance', 'publicity'), '湛河区', labels)).toBe('湛河区 · 社会救助 · 公示');
  });
});

describe('regionSummary', () => {
  const r = { regionId: 1, all: false, domains: [] as string[], urgent: false };
  it('says what a region is subscribed to', () => {
    expect(regionSummary(r)).toBe('未订阅');
    expect(regionSummary({ ...r, urgent: true })).toBe('紧急通知');
    expect(regionSummary({ ...r, domains: ['a', 'b'], urgent: true })).toBe('已选 2 个领域、紧急通知');
    expect(regionSummary({ ...r, all: true, urgent: true })).toBe('全部通知');
  });
});
