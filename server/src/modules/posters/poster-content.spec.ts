import type { RegionRefDto } from '@sunboard/shared';
import type { Notice } from '../notices/notice.entity';
import { chinaDate, toPosterContent } from './poster-content';

const region: RegionRefDto = { id: 9, name: '光明社区', level: 'community', fullName: '湛河区 / 马庄街道 / 光明社区' };

function notice(overrides: Partial<Notice> = {}): Notice {
  return {
    id: 42,
    title: '关于低保对象的公示',
    body: '<p>各位居民：</p><p>现将名单公示如下。</p><p>如有异议请反映。</p>',
    basis: '《社会救助暂行办法》',
    timeLimit: '10个工作日内',
    publisher: '马庄街道办事处',
    method: 'active',
    channels: [],
    audience: 'public',
    domain: 'social_assistance',
    category: 'result',
    kind: 'publicity',
    regionId: 9,
    docNo: null,
    indexNo: null,
    validFrom: null,
    validUntil: null,
    interpretationId: null,
    publicityStartsAt: null,
    publicityEndsAt: null,
    pinned: false,
    urgent: false,
    status: 'published',
    authorId: null,
    reviewerId: null,
    publishedAt: new Date('2026-11-23T16:30:00Z'),
    createdAt: new Date(),
    updatedAt: new Date(),
    version: 1,
    guide: null,
    ...overrides,
  } as Notice;
}

describe('poster content', () => {
  it('prints dates in China time', () => {
    expect(chinaDate(new Date('2026-11-23T16:30:00Z'))).toBe('2026年11月24日');
    expect(chinaDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026年12月31日');
  });

  it('lists the key elements, leaving out what the notice does not have', () => {
    const c = toPosterContent(notice(), region);
    expect(c.elements).toEqual([
      { label: '发布主体', value: '马庄街道办事处' },
      { label: '依据', value: '《社会救助暂行办法》' },
      { label: '时限', value: '10个工作日内' },
      { label: '公开对象', value: '全社会' },
      { label: '发布日期', value: '2026年11月24日' },
    ]);
    expect(c.tags).toEqual(['公示', '社会救助', '结果公开']);
    expect(c.regionName).toBe('光明社区');
    expect(c.regionPath).toBe('湛河区 马庄街道');
    // The addressee line is skipped; paragraph breaks after Chinese punctuation leave no gap.
    expect(c.excerpt).toBe('现将名单公示如下。如有异议请反映。');
  });

  it('adds 文号, 索引号 and the 公示期 when present, and flattens line breaks', () => {
    const c = toPosterContent(
      notice({
        docNo: '马街〔2026〕18号',
        indexNo: '11410411-2026-00018',
        publicityStartsAt: new Date('2026-11-23T16:00:00Z'),
        publicityEndsAt: new Date('2026-11-30T15:59:59Z'),
        basis: '第一条\n\t第二条',
        urgent: true,
      }),
      region,
    );
    expect(c.elements.map((e) => e.label)).toEqual(['发布主体', '依据', '时限', '公开对象', '文号', '索引号', '公示期', '发布日期']);
    expect(c.elements.find((e) => e.label === '公示期')?.value).toBe('2026年11月24日 至 2026年11月30日');
    expect(c.elements.find((e) => e.label === '依据')?.value).toBe('第一条 第二条');
    expect(c.urgent).toBe(true);
    expect(toPosterContent(notice({ publicityEndsAt: new Date('2026-11-30T15:59:59Z') }), region).elements.find((e) => e.label === '公示期')?.value).toBe(
      '至 2026年11月30日',
    );
  });

  it('keeps markup out of the excerpt and copes with a missing region', () => {
    const c = toPosterContent(notice({ body: '<p>正文<script>alert(1)</script><b>加粗</b></p>' }), null);
    expect(c.excerpt).toBe('正文加粗');
    expect(c.regionName).toBe('');
    expect(c.regionPath).toBe('');
  });
});
