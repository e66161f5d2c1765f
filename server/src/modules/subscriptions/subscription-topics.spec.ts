import { normaliseTopics, topicLabel, toTopicDto } from './subscription-topics';

describe('subscription topics', () => {
  it('stores "any" as an empty string and collapses duplicates, keeping the first order', () => {
    expect(
      normaliseTopics([
        { regionId: 3, domain: 'health' },
        { regionId: 3 },
        { regionId: 3, domain: 'health', kind: null },
        { regionId: 3, domain: null, kind: undefined },
        { regionId: 4, kind: 'emergency' },
      ]),
    ).toEqual([
      { regionId: 3, domain: 'health', kind: '' },
      { regionId: 3, domain: '', kind: '' },
      { regionId: 4, domain: '', kind: 'emergency' },
    ]);
  });

  it('labels topics in plain words and maps "" back to null', () => {
    expect(topicLabel('光明社区', 'social_assistance', '')).toBe('光明社区 · 社会救助 · 全部类型');
    expect(topicLabel('马庄街道', '', 'emergency')).toBe('马庄街道 · 全部领域 · 紧急通知');
    const region = { id: 4, name: '北渡村', level: 'village' as const, fullName: '湛河区 / 曹镇乡 / 北渡村' };
    expect(toTopicDto({ regionId: 4, domain: '', kind: 'publicity' }, region)).toEqual({ region, domain: null, kind: 'publicity', label: '北渡村 · 全部领域 · 公示' });
  });
});
