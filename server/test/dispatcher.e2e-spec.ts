import { makeRegionTree, type RegionTree } from './factories/regions';
import { fromSqlTime, toSqlTime } from '../src/modules/notices/search/sql-time';
import { CreditsService } from '../src/modules/push/credits.service';
import { consumeCredits } from '../src/modules/push/dispatcher/credit-batch';
import { DispatcherService } from '../src/modules/push/dispatcher/dispatcher.service';
import { parseQuietHours } from '../src/modules/push/dispatcher/quiet-hours';
import {
  countBy,
  driverFor,
  FAST_DISPATCH_ENV,
  grantFakeCredits,
  NOTICE_TEMPLATE,
  outbox,
  publishWithOutbox,
  reconcile,
  residents,
} from './support/dispatcher-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

describe('push dispatcher (claim, send, record)', () => {
  let t: TestApp;
  let tree: RegionTree;
  let service: DispatcherService;
  const driver = () => driverFor(t);

  beforeEach(async () => {
    t = await startTestApp({ env: FAST_DISPATCH_ENV });
    tree = await makeRegionTree(t.db);
    service = t.app.get(DispatcherService);
  });
  afterEach(async () => {
    await t.close();
  });

  it('is not started under NODE_ENV=test: nothing is sent until a test drains', async () => {
    expect(service.dispatcher.running).toBe(false);
    const people = await residents(t.db, { count: 3, regionId: tree.communityA1.id });
    await grantFakeCredits(driver(), people);
    await publishWithOutbox(t, tree.communityA1.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(await driver().messages()).toEqual([]);
  });

  it('sends each queued message once, records sent with the exact msgid, and spends one credit each', async () => {
    const people = await residents(t.db, { count: 40, regionId: tree.communityA1.id, dbCredits: 2 });
    await grantFakeCredits(driver(), people);
    const { notice, written } = await publishWithOutbox(t, tree.communityA1.id, { title: '关于开展冬季低保复核的通知' });
    expect(written).toBe(40);

    const report = await service.dispatcher.drain({ timeoutMs: 20_000 });
    expect(report).toMatchObject({ sent: 40, refused: 0, failed: 0 });

    const rows = await outbox(t.db);
    const messages = await driver().messages();
    expect(countBy(rows, (r) => r.status)).toEqual({ sent: 40 });
    expect(reconcile(rows, messages)).toEqual({ delivered: 40, duplicates: 0, lost: 0, msgidMismatch: 0, unrecorded: 0 });
    // msgids above 2^53 kept digit for digit.
    expect(rows.every((r) => /^\d{19}$/.test(r.msgid ?? '') && BigInt(r.msgid!) > 2n ** 53n)).toBe(true);
    expect(messages[0]).toMatchObject({ templateId: NOTICE_TEMPLATE, page: `packages/notice/detail/index?id=${notice.id}` });
    expect(messages[0].data.thing1.value).toBe('关于开展冬季低保复核的通知');
    const credits: Array<{ remaining: number }> = await t.db.query('SELECT remaining FROM subscribe_credit WHERE template_id = ?', [NOTICE_TEMPLATE]);
    expect(credits.map((c) => Number(c.remaining))).toEqual(Array(40).fill(1));

    // Nothing left: a second drain sends nothing more.
    expect(await service.dispatcher.drain({ timeoutMs: 5000 })).toMatchObject({ claimed: 0, sent: 0 });
    expect((await driver().messages()).length).toBe(40);
  });

  it('refuses without sending when the resident has no credit or switched the template off (the inbox copy stays)', async () => {
    const withCredit = await residents(t.db, { count: 2, regionId: tree.communityA1.id, prefix: 'o_ok_' });
    const noCredit = await residents(t.db, { count: 2, regionId: tree.communityA1.id, prefix: 'o_none_', dbCredits: 0 });
    const off = await residents(t.db, { count: 1, regionId: tree.communityA1.id, prefix: 'o_off_' });
    await t.db.query('UPDATE subscribe_credit SET switched_off = ? WHERE user_id = ?', [true, off[0].id]);
    await grantFakeCredits(driver(), [...withCredit, ...noCredit, ...off]);
    await publishWithOutbox(t, tree.communityA1.id);

    const report = await service.dispatcher.drain({ timeoutMs: 10_000 });
    expect(report).toMatchObject({ sent: 2, refused: 3, noCredit: 3 });
    const rows = await outbox(t.db);
    const status = Object.fromEntries(rows.map((r) => [r.openid, r.status]));
    expect(status).toEqual({ o_ok_0: 'sent', o_ok_1: 'sent', o_none_0: 'refused', o_none_1: 'refused', o_off_0: 'refused' });
    expect(rows.find((r) => r.openid === 'o_off_0')?.last_error).toMatch(/^switched off/);
    expect(rows.find((r) => r.openid === 'o_none_0')?.last_error).toMatch(/^no credit/);
    expect((await driver().messages()).map((m) => m.openid).sort()).toEqual(['o_ok_0', 'o_ok_1']);
    const stats = await driver().stats();
    expect(stats.endpoints.subscribe_send.calls).toBe(2);
    // Every resident still has the message in the message centre.
    const [inbox] = await t.db.query('SELECT COUNT(*) AS n FROM inbox_item');
    expect(Number(inbox.n)).toBe(5);
  });

  it('43101 from WeChat: refused, the credit marked spent, never retried', async () => {
    const refusing = await residents(t.db, { count: 2, regionId: tree.communityA1.id, prefix: 'o_refuse_', dbCredits: 3 });
    const stale = await residents(t.db, { count: 1, regionId: tree.communityA1.id, prefix: 'o_stalecredit_', dbCredits: 1 }); // no credit at the fake
    await publishWithOutbox(t, tree.communityA1.id);

    const report = await service.dispatcher.drain({ timeoutMs: 10_000 });
    expect(report).toMatchObject({ sent: 0, refused: 3, retried: 0, failed: 0 });
    const rows = await outbox(t.db);
    expect(rows.every((r) => r.status === 'refused' && r.attempts === 1 && /^43101/.test(r.last_error ?? ''))).toBe(true);
    const credits: Array<{ user_id: number; remaining: number }> = await t.db.query('SELECT user_id, remaining FROM subscribe_credit ORDER BY user_id');
    expect(credits.map((c) => Number(c.remaining))).toEqual([0, 0, 0]);
    expect((await driver().stats()).endpoints.subscribe_send.calls).toBe(3);
    expect([...refusing, ...stale].length).toBe(3);
  });

  it('43101 after an attempt that timed out says the message may have been delivered then', async () => {
    await residents(t.db, { count: 1, regionId: tree.communityA1.id, prefix: 'o_refuse_late_' });
    await publishWithOutbox(t, tree.communityA1.id);
    // The first attempt took the credit and timed out; WeChat may have delivered it.
    await t.db.query(`UPDATE push_outbox SET attempts = 1, last_error = 'timeout: WeChat subscribe_send timeout: no answer within 3000 ms'`);
    await service.dispatcher.drain({ timeoutMs: 10_000 });
    const [row] = await outbox(t.db);
    expect(row.status).toBe('refused');
    expect(row.last_error).toMatch(/^43101 .*; an earlier attempt went unanswered \(timeout\) and may have been delivered$/);
  });

  it('47003: failed at once, naming the field WeChat named', async () => {
    const [r] = await residents(t.db, { count: 1, regionId: tree.communityA1.id });
    await grantFakeCredits(driver(), [r]);
    const now = toSqlTime(new Date());
    // A phrase field may hold ≤ 5 Chinese characters only: WeChat answers 47003 for data.phrase4.value.
    await t.db.query(
      `INSERT INTO push_outbox (dedupe_key, message_type, user_id, openid, template_id, page, data, urgent, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, 'notice_published', ?, ?, ?, NULL, ?, ?, 'queued', 0, ?, ?, ?)`,
      ['bad:1', r.id, r.openid, NOTICE_TEMPLATE, JSON.stringify({ thing1: '停水通知', phrase4: 'abc123' }), false, now, now, now],
    );
    const report = await service.dispatcher.drain({ timeoutMs: 10_000 });
    expect(report).toMatchObject({ failed: 1, retried: 0 });
    const [row] = await outbox(t.db);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/^47003 data\.phrase4\.value invalid \(field phrase4\)/);
  });

  it('retries -1, 45011, HTTP 500 and timeouts with backoff until delivered; gives up after the last attempt', async () => {
    const people = await residents(t.db, { count: 4, regionId: tree.communityA1.id, prefix: 'o_retry_' });
    const busy = await residents(t.db, { count: 1, regionId: tree.communityA1.id, prefix: 'o_busy_' }); // always -1
    await grantFakeCredits(driver(), [...people, ...busy]);
    await publishWithOutbox(t, tree.communityA1.id);
    await driver().injectFaults('subscribe_send', [-1, 45011, 'http500', 'timeout']);

    const report = await service.dispatcher.drain({ timeoutMs: 20_000 });
    expect(report.sent).toBe(4);
    expect(report.failed).toBe(1);
    expect(report.retried).toBeGreaterThanOrEqual(7); // four of o_busy's attempts and the faults the others met
    const rows = await outbox(t.db);
    const messages = await driver().messages();
    expect(reconcile(rows, messages)).toMatchObject({ delivered: 4, duplicates: 0, lost: 0, msgidMismatch: 0 });
    const dead = rows.find((r) => r.openid.startsWith('o_busy_'))!;
    expect(dead).toMatchObject({ status: 'failed', attempts: 5 });
    expect(dead.last_error).toMatch(/^-1 .*\(gave up after 5 attempts\)$/);
    expect(countBy(rows, (r) => r.status)).toEqual({ sent: 4, failed: 1 });
  });

  it('renews an access token that expires mid-run and delivers everything once', async () => {
    const people = await residents(t.db, { count: 60, regionId: tree.communityA1.id });
    await grantFakeCredits(driver(), people);
    await publishWithOutbox(t, tree.communityA1.id);
    const d = service.create({ claimSize: 20, concurrency: 4 });
    await d.runOnce(); // 20 sent with the first token
    await driver().expireToken();
    await d.drain({ timeoutMs: 20_000 });
    const rows = await outbox(t.db);
    expect(reconcile(rows, await driver().messages())).toEqual({ delivered: 60, duplicates: 0, lost: 0, msgidMismatch: 0, unrecorded: 0 });
    const stats = await driver().stats();
    expect(stats.tokensIssued).toBeGreaterThanOrEqual(2);
    expect(stats.endpoints.subscribe_send.errors).toBeGreaterThanOrEqual(1); // the 42001 answers
  });

  it('quiet hours (22:00-07:00 Asia/Shanghai) defer ordinary messages to 07:00; urgent ones go out', async () => {
    const people = await residents(t.db, { count: 3, regionId: tree.communityA1.id, dbCredits: 2 });
    await grantFakeCredits(driver(), people, NOTICE_TEMPLATE, 2);
    await publishWithOutbox(t, tree.communityA1.id, { title: '社区议事会通知' });
    await publishWithOutbox(t, tree.communityA1.id, { title: '暴雨红色预警', urgent: true, kind: 'emergency' });
    // The next 23:00 in Shanghai after now (so every row is already due then).
    const shanghaiNow = new Date(Date.now() + 8 * 3_600_000);
    const day = shanghaiNow.toISOString().slice(0, 10);
    let night = new Date(`${day}T23:00:00+08:00`);
    if (night.getTime() <= Date.now()) night = new Date(night.getTime() + 86_400_000);
    const morning = new Date(night.getTime() + 8 * 3_600_000);

    const d = service.create({ quietHours: parseQuietHours('22:00-07:00') });
    const report = await d.runOnce(night);
    expect(report).toMatchObject({ deferred: 3, sent: 3 });
    const rows = await outbox(t.db);
    const urgent = rows.filter((r) => r.urgent);
    const ordinary = rows.filter((r) => !r.urgent);
    expect(urgent.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(ordinary.map((r) => [r.status, r.attempts])).toEqual([
      ['queued', 0],
      ['queued', 0],
      ['queued', 0],
    ]);
    expect(ordinary.map((r) => fromSqlTime(r.next_attempt_at)?.toISOString())).toEqual(Array(3).fill(morning.toISOString()));
    expect((await driver().messages()).every((m) => m.data.thing1.value.includes('暴雨'))).toBe(true);
    // At 07:00 they go.
    expect(await d.runOnce(morning)).toMatchObject({ sent: 3, deferred: 0 });
  });

  it('a row left sending by a dead worker returns to the queue after its lease and is sent once; the dead claim cannot record over it', async () => {
    const people = await residents(t.db, { count: 2, regionId: tree.communityA1.id });
    await grantFakeCredits(driver(), people);
    await publishWithOutbox(t, tree.communityA1.id);
    const past = toSqlTime(new Date(Date.now() - 1000));
    // Worker "dead" claimed both (one attempt counted, credit taken) and died.
    await t.db.query(`UPDATE push_outbox SET status = 'sending', attempts = 1, worker_id = 'dead:1:aa#1', lease_until = ?`, [past]);
    await t.db.query('UPDATE subscribe_credit SET remaining = 0');

    const report = await service.dispatcher.drain({ timeoutMs: 10_000 });
    expect(report).toMatchObject({ reaped: 2, sent: 2 });
    const rows = await outbox(t.db);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ]);
    expect(rows.every((r) => r.worker_id?.startsWith(service.dispatcher.workerId))).toBe(true);
    // The dead worker's result arriving late changes nothing.
    const late = await t.db.query(`UPDATE push_outbox SET status = 'failed' WHERE status = 'sending' AND worker_id = 'dead:1:aa#1'`);
    expect(late).toBeDefined();
    expect((await outbox(t.db)).map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(reconcile(rows, await driver().messages())).toMatchObject({ duplicates: 0, lost: 0, msgidMismatch: 0 });
  });

  it('two dispatchers draining the same outbox at once send every message exactly once', async () => {
    const people = await residents(t.db, { count: 400, regionId: tree.communityA1.id });
    await grantFakeCredits(driver(), people);
    await publishWithOutbox(t, tree.communityA1.id);
    await driver().setLatency(2, 'subscribe_send');
    const a = service.create({ claimSize: 50, concurrency: 16 });
    const b = service.create({ claimSize: 50, concurrency: 16 });
    const [ra, rb] = await Promise.all([a.drain({ timeoutMs: 30_000 }), b.drain({ timeoutMs: 30_000 })]);
    expect(ra.sent + rb.sent).toBe(400);
    if (t.config.database.type === 'mysql') {
      // With SKIP LOCKED both really worked in parallel.
      expect(ra.sent).toBeGreaterThan(0);
      expect(rb.sent).toBeGreaterThan(0);
    }
    const rows = await outbox(t.db);
    expect(reconcile(rows, await driver().messages())).toEqual({ delivered: 400, duplicates: 0, lost: 0, msgidMismatch: 0, unrecorded: 0 });
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });

  it('stop() finishes the sends in flight and gives back what it had claimed but not started', async () => {
    const people = await residents(t.db, { count: 300, regionId: tree.communityA1.id });
    await grantFakeCredits(driver(), people);
    await publishWithOutbox(t, tree.communityA1.id);
    await driver().setLatency(20, 'subscribe_send');
    const d = service.create({ claimSize: 200, concurrency: 8 });
    d.start();
    await new Promise((r) => setTimeout(r, 150));
    await d.stop();
    const rows = await outbox(t.db);
    const by = countBy(rows, (r) => r.status);
    expect(by.sending ?? 0).toBe(0);
    expect(by.sent).toBeGreaterThan(0);
    expect(by.queued).toBeGreaterThan(0);
    // Given back untried (attempts 1: they hold the credit taken at their claim, the next claim takes no
    // other); the rest were never claimed (attempts 0).
    const queued = rows.filter((r) => r.status === 'queued');
    expect(queued.filter((r) => r.attempts === 1).length).toBeGreaterThan(0);
    expect(queued.every((r) => r.attempts <= 1)).toBe(true);
    expect(reconcile(rows, await driver().messages())).toMatchObject({ duplicates: 0, lost: 0, msgidMismatch: 0, unrecorded: 0 });
    await driver().setLatency(0, 'subscribe_send');
    await service.dispatcher.drain({ timeoutMs: 20_000 });
    expect(reconcile(await outbox(t.db), await driver().messages())).toEqual({ delivered: 300, duplicates: 0, lost: 0, msgidMismatch: 0, unrecorded: 0 });
  });

  it('consumes credits in bulk exactly as CreditsService.consume does, one by one', async () => {
    const credits = t.app.get(CreditsService);
    const people = await residents(t.db, { count: 6, regionId: tree.communityA1.id, dbCredits: 0 });
    const [none, zero, one, two, longTerm, off] = people;
    const now = toSqlTime(new Date());
    const put = (u: number, remaining: number, lt: boolean, so: boolean) =>
      t.db.query('INSERT INTO subscribe_credit (user_id, template_id, remaining, long_term, switched_off, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [u, NOTICE_TEMPLATE, remaining, lt, so, now]);
    await put(zero.id, 0, false, false);
    await put(one.id, 1, false, false);
    await put(two.id, 2, false, false);
    await put(longTerm.id, 0, true, false);
    await put(off.id, 5, false, true);
    // Each asks three times; the same requests through both paths, on the same starting state.
    const asks = [none, zero, one, two, longTerm, off].flatMap((p) => [p, p, p]).map((p, i) => ({ id: i + 1, userId: p.id, templateId: NOTICE_TEMPLATE }));
    const snapshot = async () => (await t.db.query('SELECT user_id, remaining FROM subscribe_credit ORDER BY user_id')).map((r: { remaining: unknown }) => Number(r.remaining));
    const start = await snapshot();

    const bulk = await t.db.transaction((m) => consumeCredits(m, t.config.database.type, asks));
    const afterBulk = await snapshot();
    await t.db.query('UPDATE subscribe_credit SET remaining = CASE user_id WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 WHEN ? THEN 0 ELSE 5 END', [zero.id, one.id, two.id, longTerm.id]);
    expect(await snapshot()).toEqual(start);
    const single: string[] = [];
    await t.db.transaction(async (m) => {
      for (const a of asks) single.push(await credits.consume(m, a.userId, a.templateId));
    });
    expect(asks.map((a) => bulk.get(a.id))).toEqual(single);
    expect(await snapshot()).toEqual(afterBulk);
    expect(single).toEqual([
      ...['none', 'none', 'none'],
      ...['none', 'none', 'none'],
      ...['ok', 'none', 'none'],
      ...['ok', 'ok', 'none'],
      ...['long_term', 'long_term', 'long_term'],
      ...['switched_off', 'switched_off', 'switched_off'],
    ]);
  });
});
