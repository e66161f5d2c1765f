import { noticeElementRows, publicityState, type ElementSource } from './notice-elements';

const base: ElementSource = {
  publisher: '光明社区居委会',
  basis: '《社会救助暂行办法》',
  timeLimit: '自信息形成之日起20个工作日内',
  method: 'active',
  channels: ['mini_program', 'notice_board'],
  audience: 'public',
  category: 'result',
  domain: 'social_assistance',
  docNo: null,
  indexNo: 'ZH-2026-001',
  validFrom: null,
  validUntil: null,
  publicityStartsAt: '2026-11-23T16:00:00.000Z',
  publicityEndsAt: '2026-11-30T15:59:59.000Z',
  region: { id: 3, name: '光明社区', level: 'community', fullName: '湛河区 / 马庄街道 / 光明社区' },
};

describe('noticeElementRows', () => {
  it('lists every standard element in words', () => {
    const rows = Object.fromEntries(noticeElementRows(base).map((r) => [r.label, r.value]));
    expect(rows).toMatchObject({
      发布主体: '光明社区居委会',
      公开区域: '湛河区 / 马庄街道 / 光明社区',
      依据: '《社会救助暂行办法》',
      时限: '自信息形成之日起20个工作日内',
      公开方式: '主动公开',
      公开渠道: '阳光公开栏小程序、公开栏',
      公开对象: '全社会',
      文号: '无',
      索引号: 'ZH-2026-001',
      有效期: '长期有效',
      公示期: '2026年11月24日 至 2026年11月30日',
    });
    expect(rows['公开类别']).toBe('结果公开 · 社会救助');
  });
  it('leaves out the 公示期 and the region when there are none', () => {
    const labels = noticeElementRows({ ...base, region: undefined, publicityStartsAt: null, publicityEndsAt: null }).map((r) => r.label);
    expect(labels).not.toContain('公示期');
    expect(labels).not.toContain('公开区域');
  });
});

describe('publicityState', () => {
  const now = Date.parse('2026-11-26T00:00:00Z');
  it('says where the period stands', () => {
    expect(publicityState(base, now)).toBe('公示中');
    expect(publicityState(base, Date.parse('2026-12-01T00:00:00Z'))).toBe('公示已结束');
    expect(publicityState(base, Date.parse('2026-11-01T00:00:00Z'))).toBe('公示未开始');
    expect(publicityState({ publicityStartsAt: null, publicityEndsAt: null }, now)).toBeNull();
  });
});
