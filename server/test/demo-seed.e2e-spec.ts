import { FieldCipher } from '../src/common/crypto/field-cipher';
import { DOMAIN_CODES, type NoticeCardDto, type Page } from '@sunboard/shared';
import { DEMO_ACCOUNTS } from '../src/database/seeds/demo-accounts';
import { seedDemoIfEmpty } from '../src/database/seeds/seed-demo-if-empty';
import { Notice } from '../src/modules/notices/notice.entity';
import { pathIds, Region } from '../src/modules/regions/region.entity';
import { StaffRoleGrant } from '../src/modules/users/staff-role.entity';
import { User } from '../src/modules/users/user.entity';
import { startTestApp, type TestApp } from './support/test-app';

describe('demo seed (湛河区)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  });
  afterAll(() => t?.close());

  const counts = async () => ({
    regions: await t.db.getRepository(Region).count(),
    users: await t.db.getRepository(User).count(),
    grants: await t.db.getRepository(StaffRoleGrant).count(),
    notices: await t.db.getRepository(Notice).count(),
  });

  it('builds a district with streets/towns, communities/villages and their grids, with consistent paths', async () => {
    const regions = await t.db.getRepository(Region).find();
    const byId = new Map(regions.map((r) => [r.id, r]));
    const at = (...levels: string[]) => regions.filter((r) => levels.includes(r.level));

    const districts = at('district');
    expect(districts.map((d) => [d.code, d.name])).toEqual([['410411', '湛河区']]);
    expect(at('street', 'town').length).toBeGreaterThanOrEqual(2);
    expect(at('town').length).toBeGreaterThanOrEqual(1);
    const communities = at('community', 'village');
    expect(communities.length).toBeGreaterThanOrEqual(4);
    expect(at('village').length).toBeGreaterThanOrEqual(1);
    for (const c of communities) {
      const grids = regions.filter((r) => r.parentId === c.id);
      expect({ community: c.name, grids: grids.length > 0 && grids.every((g) => g.level === 'grid') }).toEqual({ community: c.name, grids: true });
    }
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);

    for (const r of regions) {
      const parent = r.parentId === null ? null : byId.get(r.parentId)!;
      expect(r.path).toBe(`${parent ? parent.path : '/'}${r.id}/`);
      expect(r.depth).toBe(pathIds(r.path).length);
    }
  });

  it('creates every demo account, with staff of each role and residents with home communities', async () => {
    const users = await t.db.getRepository(User).find();
    const grants = await t.db.getRepository(StaffRoleGrant).find();
    const regions = new Map((await t.db.getRepository(Region).find()).map((r) => [r.id, r]));
    const byOpenid = new Map(users.map((u) => [u.openid, u]));

    for (const a of DEMO_ACCOUNTS) {
      expect(a.openid).toMatch(/^o_[a-z0-9_]{1,62}$/);
      const user = byOpenid.get(a.openid);
      expect(user).toBeDefined();
      expect(user!.displayName).toBe(a.displayName);
      const userGrants = grants.filter((g) => g.userId === user!.id);
      if (a.role === 'resident') {
        expect(userGrants).toEqual([]);
        expect(user!.homeRegionId === null ? null : regions.get(user!.homeRegionId)!.code).toBe(a.regionCode);
      } else {
        expect(userGrants.map((g) => [g.role, g.regionId === null ? null : regions.get(g.regionId)!.code])).toEqual([[a.role, a.regionCode]]);
      }
    }
    const roles = new Set(grants.map((g) => g.role));
    expect([...roles].sort()).toEqual(['admin', 'grid_worker', 'reviewer']);

    // A reviewer for every street/town, a grid worker for every community/village.
    for (const r of regions.values()) {
      if (r.level === 'street' || r.level === 'town') expect(grants.some((g) => g.role === 'reviewer' && g.regionId === r.id)).toBe(true);
      if (r.level === 'community' || r.level === 'village') expect(grants.some((g) => g.role === 'grid_worker' && g.regionId === r.id)).toBe(true);
    }
    const residents = DEMO_ACCOUNTS.filter((a) => a.role === 'resident' && a.regionCode);
    expect(residents.length).toBeGreaterThanOrEqual(2);
  });

  it('publishes at least 20 complete notices over at least 8 domains, plus some not yet published', async () => {
    const notices = await t.db.getRepository(Notice).find();
    const regions = new Map((await t.db.getRepository(Region).find()).map((r) => [r.id, r]));
    const published = notices.filter((n) => n.status === 'published');
    expect(published.length).toBeGreaterThanOrEqual(20);
    expect(new Set(published.map((n) => n.domain)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(published.map((n) => n.kind)).size).toBeGreaterThanOrEqual(5);
    const levels = new Set(published.map((n) => regions.get(n.regionId)!.level));
    for (const level of ['district', 'street', 'community', 'village']) expect(levels.has(level as never)).toBe(true);

    for (const n of published) {
      // The eight elements, all filled.
      for (const v of [n.title, n.body, n.basis, n.timeLimit, n.publisher, n.method, n.audience]) expect(typeof v === 'string' && v.length > 0).toBe(true);
      expect(n.channels.length).toBeGreaterThan(0);
      expect(DOMAIN_CODES).toContain(n.domain);
      expect(n.publishedAt).toBeInstanceOf(Date);
      expect(n.publishedAt!.getTime()).toBeLessThan(Date.now());
      expect(n.body).toMatch(/^<p>/);
      expect(n.body).not.toMatch(/<script|on\w+=/i);
      // 先审后发: never approved by its author.
      expect(n.reviewerId).not.toBeNull();
      expect(n.reviewerId).not.toBe(n.authorId);
      if (n.kind === 'publicity') expect(n.publicityStartsAt && n.publicityEndsAt && n.publicityStartsAt < n.publicityEndsAt).toBeTruthy();
    }
    expect(published.some((n) => n.urgent)).toBe(true);
    expect(published.some((n) => n.pinned)).toBe(true);
    expect(published.some((n) => n.docNo) && published.some((n) => n.indexNo)).toBe(true);
    expect(published.some((n) => n.kind === 'finance' && regions.get(n.regionId)!.level === 'village')).toBe(true);
    const interpreted = published.find((n) => n.interpretationId !== null)!;
    expect(published.find((n) => n.id === interpreted.interpretationId)!.kind).toBe('policy_interpretation');

    const guide = published.find((n) => n.kind === 'service_guide' && n.guide)!;
    expect(guide.guide).toEqual({
      conditions: expect.any(String),
      materials: expect.arrayContaining([expect.any(String)]),
      steps: expect.arrayContaining([expect.any(String)]),
      placeAndTime: expect.any(String),
      consultPhone: expect.any(String),
      complaintPhone: expect.any(String),
    });

    const waiting = notices.filter((n) => n.status === 'draft' || n.status === 'pending_review');
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(waiting.every((n) => n.publishedAt === null && n.reviewerId === null && n.authorId !== null)).toBe(true);
  });

  it("shows a resident their community's feed, urgent first, and a service guide's fields", async () => {
    const { token, user } = await t.login('o_demo_resident_zhang');
    expect(user.homeRegion?.fullName).toBe('湛河区 / 马庄街道 / 光明社区');
    const res = await t.request<Page<NoticeCardDto>>('GET', '/api/notices', { token, query: { limit: 50 } });
    expect(res.status).toBe(200);
    const levels = new Set(res.body.items.map((n) => n.region.level));
    expect([...levels].sort()).toEqual(['community', 'district', 'street']);
    expect(res.body.items[0].urgent).toBe(true);
    expect(res.body.items.map((n) => n.title)).toEqual(expect.arrayContaining(['光明社区2026年第四季度最低生活保障对象公示']));
    expect(res.body.items.map((n) => n.region.name)).not.toContain('建设路社区');

    const guideCard = (await t.request<Page<NoticeCardDto>>('GET', '/api/notices', { token, query: { kind: 'service_guide' } })).body.items[0];
    const detail = await t.request('GET', `/api/notices/${guideCard.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.guide.materials.length).toBeGreaterThan(0);
    expect(detail.body.body).toMatch(/^<p>/);
  });

  it('does not seed twice', async () => {
    const before = await counts();
    expect(await seedDemoIfEmpty(t.db, t.app.get(FieldCipher))).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
