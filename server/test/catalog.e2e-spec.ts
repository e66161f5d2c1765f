import { type CatalogDto, DOMAIN_CODES } from '@sunboard/shared';
import { startTestApp, type TestApp } from './support/test-app';

describe('GET /api/catalog', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('lists every code with its Chinese name, without a login', async () => {
    const res = await t.request<CatalogDto>('GET', '/api/catalog');
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.domains).toHaveLength(26);
    expect(c.domains.map((d) => d.code)).toEqual([...DOMAIN_CODES]);
    expect(c.domains).toEqual(expect.arrayContaining([{ code: 'social_assistance', name: '社会救助' }, { code: 'municipal_service', name: '市政服务' }]));
    expect(c.categories.map((x) => x.name)).toEqual(['决策公开', '执行公开', '管理公开', '服务公开', '结果公开']);
    expect(c.kinds.map((x) => x.name)).toEqual(['公示', '通知', '财务公开', '办事指南', '政策解读', '征求意见结果', '紧急通知']);
    expect(c.kinds[0]).toEqual({ code: 'publicity', name: '公示' });
    expect(c.channels).toContainEqual({ code: 'notice_board', name: '公开栏' });
    expect(c.methods).toEqual([
      { code: 'active', name: '主动公开' },
      { code: 'on_application', name: '依申请公开' },
    ]);
    expect(c.audiences.map((x) => x.name)).toEqual(['全社会', '特定群体']);
    expect(c.statuses.map((x) => x.code)).toEqual(['draft', 'pending_review', 'published', 'withdrawn', 'expired']);
    for (const list of Object.values(c)) for (const item of list) expect(item.name).toMatch(/\p{Script=Han}/u);
  });

  it('is cacheable: an ETag, and 304 when it matches', async () => {
    const first = await t.request('GET', '/api/catalog');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(String(first.headers['cache-control'])).toContain('max-age');
    const again = await t.request('GET', '/api/catalog', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect((await t.request('GET', '/api/catalog', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });
});
