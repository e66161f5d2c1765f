import { fitTemplateValue, NOTICE_DETAIL_PAGE } from '@sunboard/shared';
import { Notice } from '../src/modules/notices/notice.entity';
import type { Region } from '../src/modules/regions/region.entity';
import { OutboxWriter } from '../src/modules/push/outbox-writer';
import { makeRegion } from './factories/regions';
import { makeUser } from './factories/users';
import { counts, noticeInput, type Person, person, staffOf, workflow } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

type Topic = { regionId: number; domain?: string | null; kind?: string | null };

describe('outbox on publish: one message per targeted resident, in the publish transaction', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staffOf>>;
  let w: ReturnType<typeof workflow>;

  beforeAll(async () => {
    t = await startTestApp();
    s = await staffOf(t);
    w = workflow(t);
  });
  afterAll(() => t?.close());

  const subscriber = async (topics: Topic[], home: number | null = null): Promise<Person> => {
    const p = await person(t, [], home);
    const res = await t.request('PUT', '/api/subscriptions', { token: p.token, body: { topics } });
    expect(res.status).toBe(200);
    return p;
  };
  const outboxOf = (noticeId: number) =>
    t.db.query('SELECT * FROM push_outbox WHERE notice_id = ? ORDER BY user_id', [noticeId]) as Promise<Array<Record<string, any>>>;
  const inboxOf = (noticeId: number) =>
    t.db.query('SELECT * FROM inbox_item WHERE notice_id = ? ORDER BY user_id', [noticeId]) as Promise<Array<Record<string, any>>>;
  const pushCounts = async () => {
    const out: Record<string, number> = await counts(t);
    for (const table of ['push_outbox', 'inbox_item']) {
      const [row] = await t.db.query(`SELECT COUNT(*) AS n FROM ${table}`);
      out[table] = Number(row.n);
    }
    return out;
  };
  const ids = (rows: Array<Record<string, any>>) => rows.map((r) => Number(r.user_id)).sort((a, b) => a - b);
  const sorted = (...people: Person[]) => people.map((p) => p.id).sort((a, b) => a - b);

  it('reaches the subscribers of the region and of every region below it, with the domain and kind equal or any — and no one else', async () => {
    const r = s.tree;
    const guangming = await subscriber([{ regionId: r.communityA1.id }]); // 光明社区 (below 马庄街道), any
    const grid = await subscriber([{ regionId: r.gridA1.id }]); // 光明社区网格一, two levels below
    const street = await subscriber([{ regionId: r.streetA.id, domain: 'municipal_service' }]); // the street itself, same domain
    const sameKind = await subscriber([{ regionId: r.communityA2.id, kind: 'notice' }]); // 建设路社区, same kind
    const zhannan = await subscriber([{ regionId: r.communityB1.id }]); // 湛南社区: another street
    const district = await subscriber([{ regionId: r.district.id }]); // above the notice's region
    const otherDomain = await subscriber([{ regionId: r.communityA1.id, domain: 'social_assistance' }]);
    const otherKind = await subscriber([{ regionId: r.communityA1.id, kind: 'emergency' }]);
    // Matching three ways: still one message.
    const thrice = await subscriber([
      { regionId: r.communityA1.id },
      { regionId: r.communityA1.id, domain: 'municipal_service' },
      { regionId: r.gridA1.id, kind: 'notice' },
    ]);
    // Lives in 光明社区 but subscribed to nothing: an ordinary notice does not reach them.
    const unsubscribedResident = await person(t, [], r.communityA1.id);

    const published = await w.publish(s.admin, s.reviewer, noticeInput(r.streetA.id, { domain: 'municipal_service', kind: 'notice', title: '马庄街道停水通知' }));
    const rows = await outboxOf(published.id);
    expect(ids(rows)).toEqual(sorted(guangming, grid, street, sameKind, thrice));
    for (const p of [zhannan, district, otherDomain, otherKind, unsubscribedResident]) expect(ids(rows)).not.toContain(p.id);
    expect(ids(await inboxOf(published.id))).toEqual(ids(rows));

    const row = rows.find((x) => Number(x.user_id) === guangming.id)!;
    expect(row).toMatchObject({
      dedupe_key: `notice:${published.id}:v1:user:${guangming.id}`,
      message_type: 'notice_published',
      template_id: 'TPL_NOTICE_PUBLISHED',
      page: `${NOTICE_DETAIL_PAGE}?id=${published.id}`,
      status: 'queued',
      msgid: null,
    });
    expect(Number(row.attempts)).toBe(0);
    expect(Number(row.urgent)).toBe(0);
    expect(Number(row.region_id)).toBe(r.streetA.id);
    expect(row.openid).toMatch(/^o_nw_/);
    const data = JSON.parse(row.data);
    expect(data).toEqual({
      thing1: '马庄街道停水通知',
      time2: fitTemplateValue('time2', new Date(published.publishedAt!)),
      thing3: '光明社区居民委员会',
      phrase4: '通知',
    });
    const item = (await inboxOf(published.id)).find((x) => Number(x.user_id) === guangming.id)!;
    expect(item).toMatchObject({ type: 'notice_published', title: '马庄街道停水通知', page: row.page, dedupe_key: row.dedupe_key, read_at: null });
    expect(item.body).toContain('马庄街道');
  });

  it('sends an urgent notice also to every resident living in the region, subscribed or not, once each', async () => {
    const r = s.tree;
    const livesInGuangming = await person(t, [], r.communityA1.id);
    const livesInJianshe = await person(t, [], r.communityA2.id);
    const livesInZhannan = await person(t, [], r.communityB1.id);
    const livesAndSubscribes = await subscriber([{ regionId: r.communityA1.id, kind: 'emergency' }], r.communityA1.id);
    const publishedUrgent = await w.publish(
      s.admin,
      s.reviewer,
      noticeInput(r.streetA.id, { kind: 'emergency', urgent: true, title: '关于今晚寒潮大风天气的紧急通知，请居民关好门窗、注意出行安全' }),
    );
    const rows = await outboxOf(publishedUrgent.id);
    const got = ids(rows);
    for (const p of [livesInGuangming, livesInJianshe, livesAndSubscribes, s.resident]) expect(got).toContain(p.id);
    expect(got).not.toContain(livesInZhannan.id);
    expect(new Set(got).size).toBe(got.length);
    const row = rows.find((x) => Number(x.user_id) === livesAndSubscribes.id)!;
    expect(Number(row.urgent)).toBe(1);
    const data = JSON.parse(row.data);
    expect(data.thing1).toBe('关于今晚寒潮大风天气的紧急通知，请居民…');
    expect(Array.from(data.thing1 as string).length).toBe(20);
    expect(data.phrase4).toBe('紧急通知');
    const item = (await inboxOf(publishedUrgent.id)).find((x) => Number(x.user_id) === livesAndSubscribes.id)!;
    expect(item.title).toBe('【紧急】关于今晚寒潮大风天气的紧急通知，请居民关好门窗、注意出行安全');
  });

  it('never writes a message twice: approving again, re-running the fan-out, correcting the notice', async () => {
    const r = s.tree;
    const a = await subscriber([{ regionId: r.communityA1.id }]);
    const published = await w.publish(s.worker, s.reviewer, noticeInput(r.communityA1.id));
    const before = await pushCounts();
    expect(ids(await outboxOf(published.id))).toContain(a.id);

    const again = await w.approve(s.reviewer, published.id);
    expect(again.status).toBe(409);
    const writer = t.app.get(OutboxWriter);
    const notice = await t.db.getRepository(Notice).findOneByOrFail({ id: published.id });
    await expect(t.db.transaction((tx) => writer.enqueueForNotice(tx, notice))).resolves.toMatchObject({ written: 0 });
    // A reviewer's correction is a new version of the same notice: residents are not notified again.
    const corrected = await w.update(s.reviewer, published.id, { title: '更正后的标题' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.version).toBe(2);
    expect(await pushCounts()).toEqual({ ...before, audit_log: before.audit_log + 1, notice_version: before.notice_version + 1 });
  });

  it('writes nothing when the publish fails after the fan-out: the rows roll back with it', async () => {
    const r = s.tree;
    await subscriber([{ regionId: r.communityA1.id }]);
    const created = await w.create(s.worker, noticeInput(r.communityA1.id, { title: '会失败的发布' }));
    expect((await w.submit(s.worker, created.body.id)).status).toBe(200);
    const before = await pushCounts();
    const writer = t.app.get(OutboxWriter);
    const original = writer.enqueueForNotice.bind(writer);
    let wrote = 0;
    const spy = jest.spyOn(writer, 'enqueueForNotice').mockImplementationOnce(async (tx, notice) => {
      wrote = (await original(tx, notice)).written;
      throw new Error('simulated failure after the fan-out');
    });
    try {
      const res = await w.approve(s.reviewer, created.body.id);
      expect(res.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(wrote).toBeGreaterThan(0);
    expect(await pushCounts()).toEqual(before);
    expect((await w.staffDetail(s.reviewer, created.body.id)).body.status).toBe('pending_review');
    // Approved for real afterwards, the messages are written once.
    expect((await w.approve(s.reviewer, created.body.id)).status).toBe(200);
    expect((await outboxOf(created.body.id)).length).toBe(wrote);
  });

  it('walks large audiences in batches (regions grouped, a large region in user-id slices) and reaches exactly the same residents', async () => {
    const district = await makeRegion(t.db, 'district', '批量区');
    const street = await makeRegion(t.db, 'street', '批量街道', district);
    const big = await makeRegion(t.db, 'community', '大社区', street);
    const smalls = [await makeRegion(t.db, 'community', '小社区一', street), await makeRegion(t.db, 'community', '小社区二', street)];
    const grid = await makeRegion(t.db, 'grid', '大社区网格', big);
    const expected: number[] = [];
    const addSubs = async (regionId: number, n: number, topic: { domain?: string; kind?: string } = {}) => {
      for (let i = 0; i < n; i++) {
        const u = await makeUser(t.db, { openid: `o_batch_${regionId}_${i}_${Date.now().toString(36)}` });
        await t.db.query('INSERT INTO subscription (user_id, region_id, domain, kind) VALUES (?, ?, ?, ?)', [u.id, regionId, topic.domain ?? '', topic.kind ?? '']);
        expected.push(u.id);
      }
    };
    await addSubs(big.id, 23);
    await addSubs(smalls[0].id, 2);
    await addSubs(smalls[1].id, 3, { kind: 'notice' });
    await addSubs(grid.id, 4, { domain: 'municipal_service' });
    // One resident subscribed in two regions of the subtree: one message.
    await t.db.query('INSERT INTO subscription (user_id, region_id, domain, kind) VALUES (?, ?, ?, ?)', [expected[0], smalls[0].id, '', '']);
    // Not matching: other domain, other kind.
    const nonMatching = await makeUser(t.db);
    await t.db.query('INSERT INTO subscription (user_id, region_id, domain, kind) VALUES (?, ?, ?, ?)', [nonMatching.id, big.id, 'health', '']);

    const notice = await makeNoticeFor(street.id);
    const writer = t.app.get(OutboxWriter);
    writer.batchSize = 5;
    try {
      const result = await t.db.transaction((tx) => writer.enqueueForNotice(tx, notice));
      expect(result.written).toBe(expected.length);
      // plan + 6 slices of 大社区 (23 rows, then the empty tail) + grouped small regions, two INSERTs each.
      expect(result.statements).toBeGreaterThan(10);
    } finally {
      writer.batchSize = 1000;
    }
    expect(ids(await outboxOf(notice.id))).toEqual([...expected].sort((a, b) => a - b));
    expect(ids(await inboxOf(notice.id))).toEqual([...expected].sort((a, b) => a - b));
  });

  /** A published notice inserted directly (as if approved), for driving the writer alone. */
  async function makeNoticeFor(regionId: number): Promise<Notice> {
    const repo = t.db.getRepository(Notice);
    return repo.save(
      repo.create({
        title: '批量测试通知',
        body: '<p>正文</p>',
        basis: '依据',
        timeLimit: '20个工作日',
        publisher: '批量街道办事处',
        method: 'active',
        channels: ['mini_program'],
        audience: 'public',
        domain: 'municipal_service',
        category: 'service',
        kind: 'notice',
        regionId,
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
        publishedAt: new Date(),
        version: 1,
        guide: null,
      }),
    );
  }

  it(`fans out to a whole district without holding the audience in memory (${Number(process.env.PUSH_FANOUT_RESIDENTS ?? 3000)} residents; set PUSH_FANOUT_RESIDENTS to measure more)`, async () => {
    const n = Number(process.env.PUSH_FANOUT_RESIDENTS ?? 3000);
    const district = await makeRegion(t.db, 'district', '规模区');
    const streets = [await makeRegion(t.db, 'street', '规模街道一', district), await makeRegion(t.db, 'street', '规模街道二', district)];
    const communities: Region[] = [];
    for (const st of streets) for (let i = 0; i < 5; i++) communities.push(await makeRegion(t.db, 'community', `${st.name}社区${i}`, st));
    // Residents and their topics, written with multi-row INSERTs (500 per statement).
    const tag = `${process.pid}_${Date.now().toString(36)}`;
    const [{ m }] = await t.db.query('SELECT COALESCE(MAX(id), 0) AS m FROM app_user');
    const firstId = Number(m) + 1;
    for (let i = 0; i < n; i += 500) {
      const k = Math.min(500, n - i);
      const rows = Array.from({ length: k }, (_, j) => [`o_scale_${tag}_${i + j}`, '规模居民', communities[(i + j) % communities.length].id]);
      await t.db.query(`INSERT INTO app_user (openid, display_name, home_region_id) VALUES ${rows.map(() => '(?, ?, ?)').join(', ')}`, rows.flat());
    }
    await t.db.query(
      "INSERT INTO subscription (user_id, region_id, domain, kind) SELECT id, home_region_id, '', '' FROM app_user WHERE id >= ? AND openid LIKE ?",
      [firstId, `o_scale_${tag}_%`],
    );
    const notice = await makeNoticeFor(district.id);
    const writer = t.app.get(OutboxWriter);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = await t.db.transaction((tx) => writer.enqueueForNotice(tx, notice));
    const ms = performance.now() - started;
    const heapAfter = process.memoryUsage().heapUsed;
    expect(result.written).toBe(n);
    const [{ c }] = await t.db.query('SELECT COUNT(*) AS c FROM inbox_item WHERE notice_id = ?', [notice.id]);
    expect(Number(c)).toBe(n);
    // A figure, not a timed assertion: printed for docs/push-core.md.
    process.stdout.write(
      `[outbox fan-out ${process.env.TEST_DB}] ${n} residents: ${Math.round(ms)} ms, ${result.statements} statements, ` +
        `heap ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB\n`,
    );
  }, 600_000);
});
