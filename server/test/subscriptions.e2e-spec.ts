import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PushCreditDto, PushTemplateDto, SubscriptionsDto } from '@sunboard/shared';
import { CreditsService } from '../src/modules/push/credits.service';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { makeUser } from './factories/users';
import { type Person, person } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

describe('subscriptions: topics and reminder credits', () => {
  let t: TestApp;
  let r: RegionTree;

  beforeAll(async () => {
    t = await startTestApp();
    r = await makeRegionTree(t.db);
  });
  afterAll(() => t?.close());

  const rowCount = async (table: string, userId?: number) => {
    const [row] = await t.db.query(`SELECT COUNT(*) AS n FROM ${table}${userId ? ' WHERE user_id = ?' : ''}`, userId ? [userId] : []);
    return Number(row.n);
  };
  const put = (p: Person, body: unknown) => t.request<SubscriptionsDto & { code?: string; details?: Array<{ path: string; reason: string }> }>('PUT', '/api/subscriptions', { token: p.token, body });
  const get = (p: Person) => t.request<SubscriptionsDto>('GET', '/api/subscriptions', { token: p.token });

  describe('topics', () => {
    it('replaces the caller’s topics, collapsing duplicates, and lists them with region names and labels', async () => {
      const p = await person(t);
      expect((await get(p)).body).toEqual({ topics: [] });
      const res = await put(p, {
        topics: [
          { regionId: r.communityA1.id, domain: 'social_assistance' },
          { regionId: r.streetA.id, kind: 'emergency' },
          { regionId: r.communityA1.id, domain: 'social_assistance', kind: null },
          { regionId: r.communityB1.id },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.topics).toEqual([
        {
          region: { id: r.communityA1.id, name: '光明社区', level: 'community', fullName: '湛河区 / 马庄街道 / 光明社区' },
          domain: 'social_assistance',
          kind: null,
          label: '光明社区 · 社会救助 · 全部类型',
        },
        { region: expect.objectContaining({ id: r.streetA.id, name: '马庄街道' }), domain: null, kind: 'emergency', label: '马庄街道 · 全部领域 · 紧急通知' },
        { region: expect.objectContaining({ id: r.communityB1.id }), domain: null, kind: null, label: '湛南社区 · 全部领域 · 全部类型' },
      ]);
      expect((await get(p)).body).toEqual(res.body);
      expect(await rowCount('subscription', p.id)).toBe(3);

      // A second PUT replaces, it does not add; an empty list clears.
      expect((await put(p, { topics: [{ regionId: r.village.id }] })).body.topics.map((x) => x.region.id)).toEqual([r.village.id]);
      expect((await put(p, { topics: [] })).body.topics).toEqual([]);
      expect(await rowCount('subscription', p.id)).toBe(0);
    });

    it('refuses bad topics with a 4xx naming the field, and changes nothing', async () => {
      const p = await person(t);
      await put(p, { topics: [{ regionId: r.communityA1.id }] });
      const before = await rowCount('subscription');

      const unknownRegion = await put(p, { topics: [{ regionId: r.communityA2.id }, { regionId: 99_999_999 }] });
      expect(unknownRegion.status).toBe(404);
      expect(unknownRegion.body.code).toBe('REGION_NOT_FOUND');
      expect(unknownRegion.body.details).toEqual([{ path: 'topics.1.regionId', reason: expect.stringContaining('99999999') }]);

      const badDomain = await put(p, { topics: [{ regionId: r.communityA1.id, domain: 'weather' }] });
      expect(badDomain.status).toBe(400);
      expect(badDomain.body.details).toEqual([expect.objectContaining({ path: 'topics.0.domain' })]);

      const badKind = await put(p, { topics: [{ regionId: r.communityA1.id }, { regionId: r.communityA1.id, kind: 'gossip' }] });
      expect(badKind.status).toBe(400);
      expect(badKind.body.details).toEqual([expect.objectContaining({ path: 'topics.1.kind' })]);

      const tooMany = await put(p, { topics: Array.from({ length: 51 }, () => ({ regionId: r.communityA1.id })) });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.details).toEqual([expect.objectContaining({ path: 'topics', reason: expect.stringContaining('50') })]);

      for (const body of [{}, { topics: 'all' }, { topics: [{ regionId: 'x' }] }, { topics: [{ regionId: r.communityA1.id, extra: 1 }] }]) {
        expect((await put(p, body)).status).toBe(400);
      }
      expect(await rowCount('subscription')).toBe(before);
      expect((await get(p)).body.topics.map((x) => x.region.id)).toEqual([r.communityA1.id]);
      expect((await t.request('GET', '/api/subscriptions')).status).toBe(401);
    });

    it('starts a new resident on their first home community’s 紧急通知, unless they already chose topics', async () => {
      const newcomer = await person(t);
      const set = (p: Person, homeRegionId: number) => t.request('PATCH', '/api/me', { token: p.token, body: { homeRegionId } });
      expect((await set(newcomer, r.communityA1.id)).status).toBe(200);
      expect((await get(newcomer)).body.topics).toEqual([
        expect.objectContaining({ region: expect.objectContaining({ id: r.communityA1.id }), domain: null, kind: 'emergency', label: '光明社区 · 全部领域 · 紧急通知' }),
      ]);
      // Moving house later changes nothing about the topics they have.
      expect((await set(newcomer, r.communityB1.id)).status).toBe(200);
      expect((await get(newcomer)).body.topics.map((x) => x.region.id)).toEqual([r.communityA1.id]);

      const chooser = await person(t);
      await put(chooser, { topics: [{ regionId: r.village.id, domain: 'agricultural_subsidy' }] });
      expect((await set(chooser, r.communityA1.id)).status).toBe(200);
      expect((await get(chooser)).body.topics.map((x) => [x.region.id, x.domain, x.kind])).toEqual([[r.village.id, 'agricultural_subsidy', null]]);

      // A refused home region (a street is not a home) subscribes nothing.
      const wrong = await person(t);
      expect((await set(wrong, r.streetA.id)).status).toBe(400);
      expect(await rowCount('subscription', wrong.id)).toBe(0);
    });
  });

  describe('credits', () => {
    const templates = async () => (await t.request<{ items: PushTemplateDto[] }>('GET', '/api/push/templates')).body.items;
    const credits = async (p: Person) => (await t.request<{ items: PushCreditDto[] }>('GET', '/api/subscriptions/credits', { token: p.token })).body.items;
    const report = (p: Person, results: unknown) =>
      t.request<{ items: PushCreditDto[]; code?: string; details?: Array<{ path: string }> }>('POST', '/api/subscriptions/credits', { token: p.token, body: { results } });
    const of = (items: PushCreditDto[], type: string) => items.find((c) => c.messageType === type)!;

    it('serves the template ids per message type to anyone, for requestSubscribeMessage', async () => {
      const res = await t.request<{ items: PushTemplateDto[] }>('GET', '/api/push/templates');
      expect(res.status).toBe(200);
      expect(res.body.items.map((i) => i.messageType)).toEqual([
        'notice_published',
        'case_progress',
        'consultation_opened',
        'consultation_closing',
        'consultation_result',
        'rating_reply',
        'case_overdue',
        'followup_overdue',
      ]);
      expect(res.body.items[0]).toEqual({ messageType: 'notice_published', label: '新公告提醒', templateId: 'TPL_NOTICE_PUBLISHED', longTerm: false });
      expect(res.body.items[1]).toMatchObject({ messageType: 'case_progress', longTerm: true });
    });

    it('counts one-time credits per accept, flags long-term templates, switches off on ban, and leaves reject/filter as they were', async () => {
      const p = await person(t);
      const [notice, caseProgress, opened] = await templates();
      expect(of(await credits(p), 'notice_published')).toEqual({
        messageType: 'notice_published',
        label: '新公告提醒',
        templateId: notice.templateId,
        longTerm: false,
        remaining: 0,
        accepted: false,
        switchedOff: false,
      });

      let res = await report(p, { [notice.templateId]: 'accept', [caseProgress.templateId]: 'accept', [opened.templateId]: 'reject' });
      expect(res.status).toBe(200);
      expect(of(res.body.items, 'notice_published')).toMatchObject({ remaining: 1, switchedOff: false });
      expect(of(res.body.items, 'case_progress')).toMatchObject({ longTerm: true, accepted: true, remaining: 0 });
      expect(of(res.body.items, 'consultation_opened')).toMatchObject({ remaining: 0, accepted: false, switchedOff: false });

      res = await report(p, { [notice.templateId]: 'accept' });
      expect(of(res.body.items, 'notice_published').remaining).toBe(2);
      res = await report(p, { [notice.templateId]: 'reject' });
      expect(of(res.body.items, 'notice_published')).toMatchObject({ remaining: 2, switchedOff: false });
      res = await report(p, { [notice.templateId]: 'filter' });
      expect(of(res.body.items, 'notice_published').remaining).toBe(2);
      res = await report(p, { [notice.templateId]: 'ban' });
      expect(of(res.body.items, 'notice_published')).toMatchObject({ remaining: 2, switchedOff: true });
      // Accepting again turns the template back on.
      res = await report(p, { [notice.templateId]: 'accept' });
      expect(of(res.body.items, 'notice_published')).toMatchObject({ remaining: 3, switchedOff: false });
      expect(await credits(p)).toEqual(res.body.items);
    });

    it('refuses a report naming a template that is not configured (results.<id>), and writes nothing — not even the known ones', async () => {
      const p = await person(t);
      const [notice] = await templates();
      const before = await rowCount('subscribe_credit');
      const res = await report(p, { [notice.templateId]: 'accept', NotOurTemplate_123: 'accept' });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ path: 'results.NotOurTemplate_123', reason: expect.stringContaining('未配置') }]);
      expect(await rowCount('subscribe_credit')).toBe(before);

      for (const results of [{}, { [notice.templateId]: 'maybe' }, { 'bad id!': 'accept' }, 'accept', []]) {
        const bad = await report(p, results);
        expect(bad.status).toBe(400);
        expect(bad.body.code).toBe('VALIDATION_FAILED');
      }
      expect((await report(p, { [notice.templateId]: 'maybe' })).body.details).toEqual([expect.objectContaining({ path: `results.${notice.templateId}` })]);
      expect(await rowCount('subscribe_credit')).toBe(before);
      expect((await t.request('POST', '/api/subscriptions/credits', { body: { results: { [notice.templateId]: 'accept' } } })).status).toBe(401);
    });

    it('spends credits atomically for the dispatcher: ok until none, long_term, switched_off; 43101 and a switch-off event', async () => {
      const credit = t.app.get(CreditsService);
      const u = await makeUser(t.db, { openid: `o_credit_${Date.now().toString(36)}` });
      const tpl = 'TPL_NOTICE_PUBLISHED';
      const consume = () => t.db.transaction((tx) => credit.consume(tx, u.id, tpl));
      expect(await consume()).toBe('none');
      await t.db.transaction((tx) => credit.record(tx, u.id, tpl, 'accept', false));
      await t.db.transaction((tx) => credit.record(tx, u.id, tpl, 'accept', false));
      // Two consumers racing for two credits, then a third: exactly two succeed.
      const results = await Promise.all([consume(), consume(), consume()]);
      expect(results.filter((x) => x === 'ok')).toHaveLength(2);
      expect(results.filter((x) => x === 'none')).toHaveLength(1);
      expect(await consume()).toBe('none');

      await t.db.transaction((tx) => credit.record(tx, u.id, tpl, 'accept', false));
      await t.db.transaction((tx) => credit.markSpent(tx, u.id, tpl));
      expect(await consume()).toBe('none');

      await t.db.transaction((tx) => credit.record(tx, u.id, 'TPL_CASE_PROGRESS', 'accept', true));
      for (let i = 0; i < 3; i++) expect(await t.db.transaction((tx) => credit.consume(tx, u.id, 'TPL_CASE_PROGRESS'))).toBe('long_term');

      await t.db.transaction((tx) => credit.record(tx, u.id, tpl, 'accept', false));
      expect(await t.db.transaction((tx) => credit.switchOff(tx, u.openid, tpl))).toBe(true);
      expect(await consume()).toBe('switched_off');
      expect(await t.db.transaction((tx) => credit.switchOn(tx, u.openid, tpl))).toBe(true);
      expect(await consume()).toBe('ok');
      // A switch-off for a template never accepted is remembered too; an unknown openid changes nothing.
      expect(await t.db.transaction((tx) => credit.switchOff(tx, u.openid, 'TPL_RATING_REPLY'))).toBe(true);
      expect(await t.db.transaction((tx) => credit.consume(tx, u.id, 'TPL_RATING_REPLY'))).toBe('switched_off');
      const before = await rowCount('subscribe_credit');
      expect(await t.db.transaction((tx) => credit.switchOff(tx, 'o_nobody_here', tpl))).toBe(false);
      expect(await rowCount('subscribe_credit')).toBe(before);
    });
  });
});

describe('PUSH_TEMPLATES_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunboard-templates-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('overrides the defaults per message type, and the credits follow the configured ids', async () => {
    const file = join(dir, 'templates.json');
    writeFileSync(
      file,
      JSON.stringify({
        notice_published: { templateId: 'AbC-notice_0001', fields: { thing2: 'title', time5: 'publishedAt', thing7: 'region' } },
        consultation_closing: { longTerm: true },
      }),
    );
    const t = await startTestApp({ env: { PUSH_TEMPLATES_FILE: file } });
    try {
      const items = (await t.request<{ items: PushTemplateDto[] }>('GET', '/api/push/templates')).body.items;
      expect(items.find((i) => i.messageType === 'notice_published')).toMatchObject({ templateId: 'AbC-notice_0001', longTerm: false });
      expect(items.find((i) => i.messageType === 'consultation_closing')).toMatchObject({ templateId: 'TPL_CONSULTATION_CLOSING', longTerm: true });
      const p = await person(t);
      const old = await t.request('POST', '/api/subscriptions/credits', { token: p.token, body: { results: { TPL_NOTICE_PUBLISHED: 'accept' } } });
      expect(old.status).toBe(400);
      const ok = await t.request<{ items: PushCreditDto[] }>('POST', '/api/subscriptions/credits', { token: p.token, body: { results: { 'AbC-notice_0001': 'accept' } } });
      expect(ok.body.items.find((i) => i.messageType === 'notice_published')).toMatchObject({ templateId: 'AbC-notice_0001', remaining: 1 });
    } finally {
      await t.close();
    }
  });
});
