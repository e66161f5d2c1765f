import type { ErrorBody, NoticeCardDto, Page } from '@sunboard/shared';
import { Notice } from '../src/modules/notices/notice.entity';
import { NoticeSearchBootstrap } from '../src/modules/notices/search/notice-search.bootstrap';
import { NoticeSearchIndexer } from '../src/modules/notices/search/notice-search.indexer';
import { makeNotice } from './factories/notices';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { noticeInput, staffOf, workflow } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

/**
 * Search (`GET /api/notices?q=`) over the inverted index. The same assertions run on SQLite and on
 * MariaDB, with exact id lists: both databases give the same results in the same order.
 */
describe('GET /api/notices?q= (Chinese search)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  type Res = Page<NoticeCardDto> & Partial<ErrorBody>;
  const search = (query: Record<string, string | number | undefined>, headers?: Record<string, string>) =>
    t.request<Res>('GET', '/api/notices', { query, headers });
  const ids = async (query: Record<string, string | number | undefined>) => {
    const res = await search(query);
    expect(res.status).toBe(200);
    return res.body.items.map((n) => n.id);
  };

  /** A published notice, indexed as the publishing workflow does inside its transaction. */
  async function publish(overrides: Partial<Notice> & { regionId: number }): Promise<Notice> {
    const n = await makeNotice(t.db, overrides);
    await NoticeSearchIndexer.index(t.db.manager, n);
    return n;
  }

  describe('in one district', () => {
    let tree: RegionTree;
    let inTitle: Notice;
    let inBody: Notice;
    let inBasis: Notice;
    let inTable: Notice;
    let sibling: Notice;
    let other: Notice;
    let culture: Notice;
    let trap: Notice;

    beforeAll(async () => {
      tree = await makeRegionTree(t.db);
      // The title hit is the oldest: ranking still puts it first.
      inTitle = await publish({ regionId: tree.district.id, title: '2026年第四季度低保对象公示', kind: 'publicity', publishedAt: ago(9) });
      inBody = await publish({
        regionId: tree.streetA.id,
        title: '关于做好冬季困难群众救助工作的通知',
        body: '<p>各社区要对分散供养特困人员、<strong>低保</strong>对象开展一次走访排查。</p>',
        publishedAt: ago(2),
      });
      inBasis = await publish({
        regionId: tree.communityA1.id,
        title: '临时救助申请指南',
        body: '<p>申请临时救助请携带身份证。</p>',
        basis: '《湛河区城乡低保和临时救助实施办法》',
        docNo: '湛民〔2026〕15号',
        kind: 'service_guide',
        domain: 'social_assistance',
        publishedAt: ago(4),
      });
      inTable = await publish({
        regionId: tree.communityA1.id,
        title: '10月村级财务收支公开',
        body: '<table><tr><th>项目</th><th>金额</th></tr><tr><td>低&#20445;金代发</td><td>3,200</td></tr></table>',
        kind: 'finance',
        domain: 'fiscal_budget',
        publishedAt: ago(6),
      });
      // Outside the scope of 光明社区: a sibling community and another street.
      sibling = await publish({ regionId: tree.communityA2.id, title: '建设路社区低保复核通知', publishedAt: ago(1) });
      other = await publish({ regionId: tree.streetB.id, title: '河滨街道低保政策解读', publishedAt: ago(1) });
      // In 北渡村: holds 低保, 保对 and 对象, but never 低保对象 — the index alone would take it for a match.
      trap = await publish({ regionId: tree.village.id, title: '担保对象名单', body: '<p>名单中不含低保户。</p>', publishedAt: ago(1) });
      // Unrelated notices in scope.
      await publish({ regionId: tree.communityA1.id, title: '停水通知', body: '<p>11月27日因管网维修停水。</p>', publishedAt: ago(1) });
      culture = await publish({ regionId: tree.district.id, title: '送戏下乡演出安排', body: '<p>补贴比例 100% 全额。</p>', domain: 'public_culture', publishedAt: ago(3) });
    });

    it('finds 低保 in the title, the body, the basis and a table cell; title hits first, then newest', async () => {
      expect(await ids({ regionId: tree.communityA1.id, q: '低保' })).toEqual([inTitle.id, inBody.id, inBasis.id, inTable.id]);
      const res = await search({ regionId: tree.communityA1.id, q: '低保' });
      expect(res.body.items[0]).toMatchObject({ title: '2026年第四季度低保对象公示', region: { id: tree.district.id, fullName: '湛河区' } });
      expect(res.body.items[1].summary).toBe('各社区要对分散供养特困人员、低保对象开展一次走访排查。');
      expect(res.body.nextCursor).toBeNull();
    });

    it('stays within the region and the regions above it', async () => {
      const fromA1 = await ids({ regionId: tree.communityA1.id, q: '低保' });
      expect(fromA1).not.toContain(sibling.id);
      expect(fromA1).not.toContain(other.id);
      // Title hits (newest first), then the rest.
      expect(await ids({ regionId: tree.communityA2.id, q: '低保' })).toEqual([sibling.id, inTitle.id, inBody.id]);
      expect(await ids({ regionId: tree.streetB.id, q: '低保' })).toEqual([other.id, inTitle.id]);
      expect(await ids({ regionId: tree.district.id, q: '低保' })).toEqual([inTitle.id]);
      // From a grid below 光明社区: everything above it.
      expect(await ids({ regionId: tree.gridA1.id, q: '低保' })).toEqual([inTitle.id, inBody.id, inBasis.id, inTable.id]);
    });

    it('applies the domain and kind filters', async () => {
      expect(await ids({ regionId: tree.communityA1.id, q: '低保', kind: 'publicity' })).toEqual([inTitle.id]);
      expect(await ids({ regionId: tree.communityA1.id, q: '低保', domain: 'fiscal_budget' })).toEqual([inTable.id]);
      expect(await ids({ regionId: tree.communityA1.id, q: '低保', domain: 'fiscal_budget', kind: 'notice' })).toEqual([]);
      expect(await ids({ regionId: tree.communityA1.id, q: '救助', kind: 'service_guide' })).toEqual([inBasis.id]);
    });

    it('matches a phrase only where its characters stand together, and several words all together', async () => {
      expect(await ids({ regionId: tree.communityA1.id, q: '低保对象' })).toEqual([inTitle.id, inBody.id]);
      expect(await ids({ regionId: tree.communityA1.id, q: '对象低保' })).toEqual([]);
      expect(await ids({ regionId: tree.village.id, q: '低保' })).toEqual([inTitle.id, trap.id]);
      expect(await ids({ regionId: tree.village.id, q: '低保对象' })).toEqual([inTitle.id]);
      expect(await ids({ regionId: tree.communityA1.id, q: '低保 走访' })).toEqual([inBody.id]);
      expect(await ids({ regionId: tree.communityA1.id, q: '低保 公示' })).toEqual([inTitle.id]);
      // Elements: the document number, by its digits and as written.
      expect(await ids({ regionId: tree.communityA1.id, q: '湛民〔2026〕15号' })).toEqual([inBasis.id]);
      expect(await ids({ regionId: tree.communityA1.id, q: '2026' })).toEqual([inTitle.id, inBasis.id]);
      // Full-width digits read as ASCII; the % is checked in the text, not used as a wildcard.
      expect(await ids({ regionId: tree.communityA1.id, q: '１００%' })).toEqual([culture.id]);
      expect(await ids({ regionId: tree.communityA1.id, q: '100元' })).toEqual([]);
    });

    it('finds a single character through its unigram', async () => {
      expect(await ids({ regionId: tree.communityA1.id, q: '水' })).toHaveLength(1);
      expect(await ids({ regionId: tree.communityA1.id, q: '戏' })).toEqual([culture.id]);
      expect(await ids({ regionId: tree.communityA1.id, q: '鑫' })).toEqual([]);
    });

    it('answers a miss with an empty page, and a query with nothing searchable too', async () => {
      for (const q of ['火星移民', 'zzzz', '低保火星', '%', '，。']) {
        const res = await search({ regionId: tree.communityA1.id, q });
        expect({ q, status: res.status, items: res.body.items, nextCursor: res.body.nextCursor }).toEqual({ q, status: 200, items: [], nextCursor: null });
      }
    });

    it('rejects a feed cursor used for a search with 400 naming cursor', async () => {
      const feed = await search({ regionId: tree.communityA1.id, limit: 1 });
      expect(typeof feed.body.nextCursor).toBe('string');
      const res = await search({ regionId: tree.communityA1.id, q: '低保', cursor: feed.body.nextCursor! });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ path: 'cursor' })]);
    });
  });

  it('pages through many results with a cursor, title hits first, never skipping or repeating, even when notices are published meanwhile', async () => {
    const tree = await makeRegionTree(t.db);
    const r = tree.village.id;
    const titled: number[] = [];
    const bodied: number[] = [];
    const same = ago(5);
    for (let i = 0; i < 27; i++) {
      const inTitle = i % 3 === 0;
      const n = await publish({
        regionId: [r, tree.town.id, tree.district.id][i % 3],
        title: inTitle ? `医保缴费提醒 ${i}` : `村务通知 ${i}`,
        body: inTitle ? '<p>请按时办理。</p>' : '<p>城乡居民医保缴费即将截止。</p>',
        // Shared timestamps exercise the id tiebreak across page boundaries.
        publishedAt: i % 4 === 0 ? same : ago(1 + i * 0.3),
      });
      (inTitle ? titled : bodied).push(n.id);
    }
    await publish({ regionId: tree.streetA.id, title: '马庄街道医保通知', publishedAt: ago(1) });

    const all = await ids({ regionId: r, q: '医保', limit: 50 });
    expect(all).toHaveLength(27);
    expect(new Set(all.slice(0, titled.length))).toEqual(new Set(titled));
    expect(new Set(all.slice(titled.length))).toEqual(new Set(bodied));

    const seen: number[] = [];
    const added: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await search({ regionId: r, q: '医保', limit: 4, cursor });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((n) => n.id));
      cursor = res.body.nextCursor ?? undefined;
      if (++pages === 2) {
        added.push((await publish({ regionId: r, title: '医保新通知' })).id, (await publish({ regionId: r, body: '<p>医保</p>' })).id);
      }
      if (pages > 20) throw new Error('runaway pagination');
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen).toEqual(all);
    expect(seen.filter((id) => added.includes(id))).toEqual([]);
    // A fresh search shows the new ones, the title hit on top.
    const fresh = await ids({ regionId: r, q: '医保', limit: 50 });
    expect(fresh).toHaveLength(29);
    expect(fresh[0]).toBe(added[0]);
  });

  it('keeps walking past candidates that hold every term but not the phrase, across rounds and pages', async () => {
    const tree = await makeRegionTree(t.db);
    const r = tree.communityB1.id;
    const real = [
      await publish({ regionId: r, title: '社区通知', body: '<p>本季度低保对象名单见公示栏。</p>', publishedAt: ago(9) }),
      await publish({ regionId: tree.streetB.id, title: '街道通知', body: '<p>低保对象年审开始。</p>', publishedAt: ago(8) }),
    ];
    // Newer, and each holds 低保, 保对 and 对象 — never 低保对象.
    for (let i = 0; i < 7; i++) await publish({ regionId: r, title: `担保对象名单 ${i}`, body: '<p>不含低保户。</p>', publishedAt: ago(1 + i * 0.1) });
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await search({ regionId: r, q: '低保对象', limit: 1, cursor });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((n) => n.id));
      cursor = res.body.nextCursor ?? undefined;
      if (++pages > 10) throw new Error('runaway pagination');
    } while (cursor);
    expect(seen).toEqual([real[1].id, real[0].id]);
  });

  it('follows the workflow: approved notices are found, corrections re-indexed, withdrawn ones gone', async () => {
    const s = await staffOf(t);
    const w = workflow(t);
    const r = s.tree.communityA1.id;
    const draft = await w.create(s.worker, noticeInput(r, { title: '冬季供暖缴费通知', body: '<p>请于12月1日前缴纳采暖费。</p>' }));
    expect(draft.status).toBe(201);
    const id = draft.body.id;
    expect(await ids({ regionId: r, q: '采暖费' })).toEqual([]);
    await w.submit(s.worker, id);
    expect(await ids({ regionId: r, q: '采暖费' })).toEqual([]);

    expect((await w.approve(s.reviewer, id)).status).toBe(200);
    expect(await ids({ regionId: r, q: '采暖费' })).toEqual([id]);
    expect(await ids({ regionId: r, q: '供暖缴费' })).toEqual([id]);

    // A reviewer's correction publishes a new version at once: the index follows it.
    expect((await w.update(s.reviewer, id, { title: '冬季供暖缴费通知（更正）', body: '<p>请于12月15日前缴纳取暖费。</p>' })).status).toBe(200);
    expect(await ids({ regionId: r, q: '采暖费' })).toEqual([]);
    expect(await ids({ regionId: r, q: '取暖费' })).toEqual([id]);

    expect((await w.withdraw(s.reviewer, id)).status).toBe(200);
    expect(await ids({ regionId: r, q: '取暖费' })).toEqual([]);
    expect(await ids({ regionId: r, q: '供暖' })).toEqual([]);
  });

  it('follows publishing, correcting and withdrawing through the index', async () => {
    const tree = await makeRegionTree(t.db);
    const r = tree.communityB1.id;
    const draft = await makeNotice(t.db, { regionId: r, status: 'draft', title: '燃气安全检查通知' });
    await NoticeSearchIndexer.index(t.db.manager, draft);
    expect(await ids({ regionId: r, q: '燃气' })).toEqual([]);

    // Published (inside a transaction, as the workflow does).
    await t.db.transaction(async (m) => {
      draft.status = 'published';
      draft.publishedAt = new Date();
      await m.save(draft);
      await NoticeSearchIndexer.index(m, draft);
    });
    expect(await ids({ regionId: r, q: '燃气' })).toEqual([draft.id]);

    // Corrected: the old words go, the new ones come.
    await t.db.transaction(async (m) => {
      draft.title = '天然气管道安全检查通知';
      await m.save(draft);
      await NoticeSearchIndexer.index(m, draft);
    });
    expect(await ids({ regionId: r, q: '燃气' })).toEqual([]);
    expect(await ids({ regionId: r, q: '天然气' })).toEqual([draft.id]);

    // Withdrawn.
    await t.db.transaction(async (m) => {
      draft.status = 'withdrawn';
      await m.save(draft);
      await NoticeSearchIndexer.remove(m, draft.id);
    });
    expect(await ids({ regionId: r, q: '天然气' })).toEqual([]);
    const rows = await t.db.query('SELECT COUNT(*) AS n FROM notice_term WHERE notice_id = ?', [draft.id]);
    expect(Number(rows[0].n)).toBe(0);

    // Even a stale index row never shows an unpublished notice.
    const stale = await publish({ regionId: r, title: '过期燃气公告' });
    await t.db.getRepository(Notice).update({ id: stale.id }, { status: 'expired' });
    expect(await ids({ regionId: r, q: '燃气' })).toEqual([]);
  });

  it('drops a 公示 whose period has ended from the feed and from search, before the expiry job gets to it', async () => {
    const tree = await makeRegionTree(t.db);
    const r = tree.communityA1.id;
    const ended = await publish({ regionId: r, kind: 'publicity', title: '困难家庭补助名单公示（已结束）', publicityStartsAt: ago(10), publicityEndsAt: ago(3) });
    const running = await publish({ regionId: r, kind: 'publicity', title: '困难家庭补助名单公示', publicityStartsAt: ago(2), publicityEndsAt: new Date(Date.now() + 5 * DAY) });
    const plain = await publish({ regionId: r, title: '困难家庭补助申请须知', publicityEndsAt: ago(3) });
    const feedIds = (await search({ regionId: r })).body.items.map((n) => n.id);
    expect(feedIds).toEqual(expect.arrayContaining([running.id, plain.id]));
    expect(feedIds).not.toContain(ended.id);
    expect(await ids({ regionId: r, q: '困难家庭' })).toEqual([plain.id, running.id]);
    expect(await ids({ regionId: r, q: '补助', kind: 'publicity' })).toEqual([running.id]);
  });

  it('fills an empty index at start when there are published notices, and leaves a filled one alone', async () => {
    const tree = await makeRegionTree(t.db);
    const n = await makeNotice(t.db, { regionId: tree.village.id, title: '农田水利设施维护通知' });
    await t.db.query('DELETE FROM notice_term');
    expect(await ids({ regionId: tree.village.id, q: '水利' })).toEqual([]);
    await t.app.get(NoticeSearchBootstrap).onApplicationBootstrap();
    expect(await ids({ regionId: tree.village.id, q: '水利' })).toEqual([n.id]);

    // Not empty: nothing is rebuilt (a notice added behind the indexer's back stays unindexed).
    const later = await makeNotice(t.db, { regionId: tree.village.id, title: '水利工程验收公告' });
    await t.app.get(NoticeSearchBootstrap).onApplicationBootstrap();
    expect(await ids({ regionId: tree.village.id, q: '水利' })).toEqual([n.id]);
    await NoticeSearchIndexer.index(t.db.manager, later);
    expect(await ids({ regionId: tree.village.id, q: '水利' })).toEqual([later.id, n.id]);
  });

  it('rebuilds the whole index with reindexAll', async () => {
    const tree = await makeRegionTree(t.db);
    const n = await makeNotice(t.db, { regionId: tree.village.id, title: '秸秆禁烧倡议书' });
    expect(await ids({ regionId: tree.village.id, q: '秸秆' })).toEqual([]);
    const summary = await NoticeSearchIndexer.reindexAll(t.db);
    expect(summary.notices).toBeGreaterThan(0);
    expect(summary.terms).toBeGreaterThan(summary.notices);
    expect(await ids({ regionId: tree.village.id, q: '秸秆' })).toEqual([n.id]);
  });

  describe('ETag', () => {
    it('answers an unchanged feed page or search with 304 and no body, and a changed one with 200 and a new tag', async () => {
      const tree = await makeRegionTree(t.db);
      const r = tree.communityA2.id;
      await publish({ regionId: r, title: '垃圾分类宣传周活动', publishedAt: ago(1) });

      for (const query of [{ regionId: r }, { regionId: r, q: '垃圾分类' }]) {
        const first = await search(query);
        expect(first.status).toBe(200);
        const etag = String(first.headers.etag);
        expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
        expect(first.headers['cache-control']).toBe('no-cache');
        expect(first.headers.vary).toMatch(/Authorization/);

        const again = await search(query, { 'if-none-match': etag });
        expect(again.status).toBe(304);
        expect(again.body).toBe('');
        expect(again.headers.etag).toBe(etag);
        expect((await search(query, { 'if-none-match': `"other", ${etag}` })).status).toBe(304);
        expect((await search(query, { 'if-none-match': 'W/"stale"' })).status).toBe(200);
      }

      const before = String((await search({ regionId: r })).headers.etag);
      await publish({ regionId: r, title: '新的通知' });
      const after = await search({ regionId: r }, { 'if-none-match': before });
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(before);
      expect(after.body.items[0].title).toBe('新的通知');
    });

    it('does the same for a notice page, and never tags an error', async () => {
      const tree = await makeRegionTree(t.db);
      const n = await publish({ regionId: tree.village.id, title: '村民代表会议纪要' });
      const first = await t.request('GET', `/api/notices/${n.id}`);
      expect(first.status).toBe(200);
      const etag = String(first.headers.etag);
      const again = await t.request('GET', `/api/notices/${n.id}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');

      await t.db.getRepository(Notice).update({ id: n.id }, { title: '村民代表会议纪要（更正）' });
      const changed = await t.request('GET', `/api/notices/${n.id}`, { headers: { 'if-none-match': etag } });
      expect(changed.status).toBe(200);
      expect(changed.body.title).toBe('村民代表会议纪要（更正）');

      const missing = await t.request('GET', '/api/notices/99999999', { headers: { 'if-none-match': '*' } });
      expect(missing.status).toBe(404);
      expect(missing.headers.etag).toBeUndefined();
    });
  });
});
