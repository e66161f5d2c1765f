import type { ErrorBody, NoticeCardDto, Page } from '@sunboard/shared';
import { NoticeSearchIndexer } from '../src/modules/notices/search/notice-search.indexer';
import { makeNotice } from './factories/notices';
import { makeRegionTree } from './factories/regions';
import { makeUser } from './factories/users';
import { startTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;
const ago = (days: number, extraMs = 0) => new Date(Date.now() - days * DAY + extraMs);

describe('GET /api/notices (resident feed) and GET /api/notices/:id', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const feed = (query: Record<string, string | number | undefined>, token?: string) =>
    t.request<Page<NoticeCardDto> & Partial<ErrorBody>>('GET', '/api/notices', { query, token });

  /** Every page of the feed, following nextCursor. */
  async function allPages(query: Record<string, string | number>, between?: (page: number) => Promise<void>) {
    const pages: NoticeCardDto[][] = [];
    let cursor: string | undefined;
    for (;;) {
      const res = await feed({ ...query, cursor });
      expect(res.status).toBe(200);
      pages.push(res.body.items);
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
      if (between) await between(pages.length);
      if (pages.length > 50) throw new Error('runaway pagination');
    }
    return pages;
  }

  it("returns the region's notices and its ancestors', never a sibling's or a child's", async () => {
    const tree = await makeRegionTree(t.db);
    const district = await makeNotice(t.db, { regionId: tree.district.id, title: '区级通知', publishedAt: ago(3) });
    const street = await makeNotice(t.db, { regionId: tree.streetA.id, title: '马庄街道通知', publishedAt: ago(2) });
    const own = await makeNotice(t.db, { regionId: tree.communityA1.id, title: '光明社区通知', publishedAt: ago(1) });
    const sibling = await makeNotice(t.db, { regionId: tree.communityA2.id, title: '建设路社区通知', publishedAt: ago(1) });
    const otherStreet = await makeNotice(t.db, { regionId: tree.streetB.id, title: '河滨街道通知', publishedAt: ago(1) });
    const grid = await makeNotice(t.db, { regionId: tree.gridA1.id, title: '网格通知', publishedAt: ago(1) });

    const res = await feed({ regionId: tree.communityA1.id });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((n) => n.id);
    expect(ids).toEqual([own.id, street.id, district.id]);
    expect(ids).not.toContain(sibling.id);
    expect(ids).not.toContain(otherStreet.id);
    expect(ids).not.toContain(grid.id);
    expect(res.body.nextCursor).toBeNull();

    const card = res.body.items[0];
    expect(card).toMatchObject({
      id: own.id,
      title: '光明社区通知',
      kind: 'notice',
      domain: 'social_assistance',
      publisher: '测试街道办事处',
      urgent: false,
      pinned: false,
      status: 'published',
      region: { id: tree.communityA1.id, name: '光明社区', level: 'community', fullName: '湛河区 / 马庄街道 / 光明社区' },
    });
    expect(card.summary).toMatch(/^测试通知 \d+ 的正文。$/);
    expect(new Date(card.publishedAt!).toISOString()).toBe(card.publishedAt);

    // From a grid: the grid's own notice plus everything above it.
    const fromGrid = await feed({ regionId: tree.gridA1.id });
    expect(fromGrid.body.items.map((n) => n.id)).toEqual([grid.id, own.id, street.id, district.id]);
  });

  it("defaults to the caller's home region, and without one asks for regionId", async () => {
    const tree = await makeRegionTree(t.db);
    const own = await makeNotice(t.db, { regionId: tree.communityB1.id, publishedAt: ago(1) });
    const district = await makeNotice(t.db, { regionId: tree.district.id, publishedAt: ago(2) });
    await makeUser(t.db, { openid: 'o_feed_home_b1', homeRegionId: tree.communityB1.id });
    const { token } = await t.login('o_feed_home_b1');

    const res = await feed({}, token);
    expect(res.status).toBe(200);
    expect(res.body.items.map((n) => n.id)).toEqual([own.id, district.id]);

    // An explicit regionId wins over the home region.
    const explicit = await feed({ regionId: tree.district.id }, token);
    expect(explicit.body.items.map((n) => n.id)).toEqual([district.id]);

    const anonymous = await feed({});
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.code).toBe('VALIDATION_FAILED');
    expect(anonymous.body.details).toEqual([expect.objectContaining({ path: 'regionId' })]);

    const { token: homeless } = await t.login('o_feed_no_home');
    const noHome = await feed({}, homeless);
    expect(noHome.status).toBe(400);
    expect(noHome.body.details).toEqual([expect.objectContaining({ path: 'regionId' })]);
  });

  it('orders urgent first, then pinned, then newest, then by id', async () => {
    const tree = await makeRegionTree(t.db);
    const r = tree.communityA1.id;
    const same = ago(6);
    const plainOld = await makeNotice(t.db, { regionId: r, publishedAt: ago(5) });
    const plainNew = await makeNotice(t.db, { regionId: r, publishedAt: ago(1) });
    const tieA = await makeNotice(t.db, { regionId: r, publishedAt: same });
    const tieB = await makeNotice(t.db, { regionId: r, publishedAt: same });
    const pinnedOld = await makeNotice(t.db, { regionId: r, pinned: true, publishedAt: ago(10) });
    const pinnedDistrict = await makeNotice(t.db, { regionId: tree.district.id, pinned: true, publishedAt: ago(3) });
    const urgentOld = await makeNotice(t.db, { regionId: tree.streetA.id, urgent: true, kind: 'emergency', publishedAt: ago(20) });
    const urgentPinned = await makeNotice(t.db, { regionId: r, urgent: true, pinned: true, publishedAt: ago(30) });

    const res = await feed({ regionId: r });
    expect(res.body.items.map((n) => n.id)).toEqual([
      urgentPinned.id,
      urgentOld.id,
      pinnedDistrict.id,
      pinnedOld.id,
      plainNew.id,
      plainOld.id,
      tieB.id,
      tieA.id,
    ]);
    expect(res.body.items[0]).toMatchObject({ urgent: true, pinned: true });
  });

  it('pages with a cursor over more than two pages, never skipping or repeating, even when notices are published meanwhile', async () => {
    const tree = await makeRegionTree(t.db);
    const r = tree.communityB1.id;
    const same = ago(4);
    for (let i = 0; i < 23; i++) {
      await makeNotice(t.db, {
        regionId: i % 3 === 0 ? r : i % 3 === 1 ? tree.streetB.id : tree.district.id,
        urgent: i === 7 || i === 15,
        pinned: i % 5 === 0,
        // Several rows share one timestamp, so the id tiebreak is exercised across page boundaries.
        publishedAt: i % 4 === 0 ? same : ago(2 + i * 0.5),
      });
    }
    const expected = (await feed({ regionId: r, limit: 50 })).body.items.map((n) => n.id);
    expect(expected).toHaveLength(23);

    const published: number[] = [];
    const pages = await allPages({ regionId: r, limit: 5 }, async (page) => {
      // Between pages, new notices are published: an ordinary one (it sorts to the top of the
      // ordinary group, which may still lie ahead of the cursor), an urgent one and a pinned one —
      // a few milliseconds after the page, so none shares the millisecond the walk started at.
      await new Promise((resolve) => setTimeout(resolve, 5));
      published.push((await makeNotice(t.db, { regionId: r })).id);
      if (page === 1) published.push((await makeNotice(t.db, { regionId: tree.district.id, urgent: true })).id);
      if (page === 2) published.push((await makeNotice(t.db, { regionId: tree.streetB.id, pinned: true })).id);
    });
    expect(pages.length).toBe(5);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    const seen = pages.flat().map((n) => n.id);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    // The walk shows the feed as it was at its first page: the new ones wait for the next refresh.
    expect(seen.filter((id) => published.includes(id))).toEqual([]);

    // A fresh first page shows the newly published ones on top.
    const fresh = await feed({ regionId: r, limit: 50 });
    expect(fresh.body.items).toHaveLength(23 + published.length);
    expect(fresh.body.items.slice(0, 2).map((n) => n.urgent)).toEqual([true, true]);
    expect(fresh.body.items.map((n) => n.id)).toEqual(expect.arrayContaining(published));
  });

  it('caps limit at 50, defaults to 20, and rejects bad filters and cursors with 400 naming the field', async () => {
    const tree = await makeRegionTree(t.db);
    for (let i = 0; i < 22; i++) await makeNotice(t.db, { regionId: tree.village.id, publishedAt: ago(1 + i) });
    const dflt = await feed({ regionId: tree.village.id });
    expect(dflt.body.items).toHaveLength(20);
    expect(typeof dflt.body.nextCursor).toBe('string');
    expect(dflt.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);

    const cases: Array<[Record<string, string | number>, string]> = [
      [{ regionId: tree.village.id, limit: 51 }, 'limit'],
      [{ regionId: tree.village.id, limit: 0 }, 'limit'],
      [{ regionId: tree.village.id, limit: 'many' }, 'limit'],
      [{ regionId: tree.village.id, domain: 'weather' }, 'domain'],
      [{ regionId: tree.village.id, kind: 'gossip' }, 'kind'],
      [{ regionId: tree.village.id, cursor: 'not-a-cursor' }, 'cursor'],
      [{ regionId: tree.village.id, cursor: Buffer.from('[1,1,"x",2]').toString('base64url') }, 'cursor'],
      [{ regionId: 'abc' }, 'regionId'],
      [{ regionId: tree.village.id, q: '长'.repeat(51) }, 'q'],
    ];
    for (const [query, field] of cases) {
      const res = await feed(query);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    }
  });

  it('answers an unknown region with 404 REGION_NOT_FOUND', async () => {
    const res = await feed({ regionId: 987654 });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('REGION_NOT_FOUND');
  });

  it('filters by domain, kind and a search term (a literal %, not a wildcard)', async () => {
    const tree = await makeRegionTree(t.db);
    const r = tree.communityA2.id;
    const dibao = await makeNotice(t.db, { regionId: r, title: '第四季度低保对象公示', kind: 'publicity', domain: 'social_assistance', publishedAt: ago(1) });
    const finance = await makeNotice(t.db, { regionId: r, title: '10月财务收支公开', kind: 'finance', domain: 'fiscal_budget', publishedAt: ago(2) });
    const culture = await makeNotice(t.db, {
      regionId: tree.district.id,
      title: '送戏下乡演出安排',
      body: '<p>补贴比例 100% 全额。</p>',
      domain: 'public_culture',
      publishedAt: ago(3),
    });

    // Published notices are searchable once indexed, as the publishing workflow does in its transaction.
    for (const n of [dibao, finance, culture]) await NoticeSearchIndexer.index(t.db.manager, n);

    expect((await feed({ regionId: r, domain: 'fiscal_budget' })).body.items.map((n) => n.id)).toEqual([finance.id]);
    expect((await feed({ regionId: r, kind: 'publicity' })).body.items.map((n) => n.id)).toEqual([dibao.id]);
    expect((await feed({ regionId: r, q: '低保' })).body.items.map((n) => n.id)).toEqual([dibao.id]);
    expect((await feed({ regionId: r, q: '100%' })).body.items.map((n) => n.id)).toEqual([culture.id]);
    // Only punctuation: nothing searchable, so nothing found (and no wildcard either).
    expect((await feed({ regionId: r, q: '%' })).body.items).toEqual([]);
    expect((await feed({ regionId: r, q: '_' })).body.items).toEqual([]);
    expect((await feed({ regionId: r, domain: 'public_culture', kind: 'finance' })).body.items).toEqual([]);
  });

  it('never shows drafts, pending, withdrawn or expired notices, and 404s their detail', async () => {
    const tree = await makeRegionTree(t.db);
    const r = tree.communityA1.id;
    const published = await makeNotice(t.db, { regionId: r, publishedAt: ago(1) });
    const hidden = [
      await makeNotice(t.db, { regionId: r, status: 'draft' }),
      await makeNotice(t.db, { regionId: r, status: 'pending_review' }),
      await makeNotice(t.db, { regionId: r, status: 'withdrawn', publishedAt: ago(2) }),
      await makeNotice(t.db, { regionId: r, status: 'expired', publishedAt: ago(3) }),
    ];
    const res = await feed({ regionId: r });
    expect(res.body.items.map((n) => n.id)).toEqual([published.id]);

    for (const n of hidden) {
      const detail = await t.request('GET', `/api/notices/${n.id}`);
      expect({ id: n.id, status: detail.status, code: detail.body.code }).toEqual({ id: n.id, status: 404, code: 'NOT_FOUND' });
    }
    expect((await t.request('GET', '/api/notices/99999999')).status).toBe(404);
    const bad = await t.request('GET', '/api/notices/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ path: 'id' })]);
  });

  it('shows a published notice with its eight elements, and its body reduced to safe HTML', async () => {
    const tree = await makeRegionTree(t.db);
    const interpretation = await makeNotice(t.db, { regionId: tree.district.id, kind: 'policy_interpretation', publishedAt: ago(2) });
    const n = await makeNotice(t.db, {
      regionId: tree.streetA.id,
      title: '关于开展高龄津贴资格认证的通知',
      body: '<p onclick="steal()">请携带&nbsp;身份证 &amp; 户口簿</p><script>alert(1)</script><img src=x onerror="alert(2)"><p>a &lt; b</p>',
      basis: '《中华人民共和国老年人权益保障法》第三十三条',
      timeLimit: '自信息形成或者变更之日起20个工作日内',
      publisher: '马庄街道办事处',
      method: 'active',
      channels: ['mini_program', 'wechat_group'],
      audience: 'specific_group',
      domain: 'elderly_care',
      category: 'service',
      docNo: '马办〔2026〕12号',
      indexNo: '11410411MB1C39021K/2026-00021',
      validFrom: new Date('2026-11-10T00:00:00+08:00'),
      validUntil: new Date('2026-12-10T23:59:59+08:00'),
      interpretationId: interpretation.id,
      publishedAt: ago(1),
    });
    const res = await t.request('GET', `/api/notices/${n.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: n.id,
      title: '关于开展高龄津贴资格认证的通知',
      basis: '《中华人民共和国老年人权益保障法》第三十三条',
      timeLimit: '自信息形成或者变更之日起20个工作日内',
      publisher: '马庄街道办事处',
      method: 'active',
      channels: ['mini_program', 'wechat_group'],
      audience: 'specific_group',
      domain: 'elderly_care',
      category: 'service',
      kind: 'notice',
      docNo: '马办〔2026〕12号',
      indexNo: '11410411MB1C39021K/2026-00021',
      validFrom: '2026-11-09T16:00:00.000Z',
      validUntil: '2026-12-10T15:59:59.000Z',
      interpretationId: interpretation.id,
      publicityStartsAt: null,
      publicityEndsAt: null,
      guide: null,
      status: 'published',
      region: { id: tree.streetA.id, fullName: '湛河区 / 马庄街道' },
    });
    expect(res.body.body.replace(/\u00a0|&nbsp;/g, ' ')).toBe('<p>请携带 身份证 &amp; 户口簿</p><p>a &lt; b</p>');
    expect(res.body.summary).toBe('请携带 身份证 & 户口簿 a < b');
    expect(typeof res.body.updatedAt).toBe('string');
  });
});
