import { toSqlTime } from '../src/modules/notices/search/sql-time';
import { DispatcherService } from '../src/modules/push/dispatcher/dispatcher.service';
import { makeRegionTree } from './factories/regions';
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

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 4, item 10: one district-wide fan-out drained through everything WeChat does to a sender —
 * a token that expires mid-run, bursts of -1 and 45011, 5xx and timeouts, residents who refuse
 * (43101), residents without credit, a template value WeChat rejects (47003) — against the fake over
 * HTTP. Every eligible message must arrive exactly once, refused ones only in the message centre,
 * nothing left queued or sending. On MariaDB two dispatchers drain side by side (SKIP LOCKED).
 */
describe('dispatcher under WeChat faults', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { ...FAST_DISPATCH_ENV, PUSH_MAX_ATTEMPTS: '20' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('delivers every eligible message exactly once through token expiry, -1/45011/5xx/timeout bursts, 43101 and 47003', async () => {
    const driver = driverFor(t);
    const tree = await makeRegionTree(t.db);
    // Residents in three communities of the district; the notice is district-wide.
    const eligible = [
      ...(await residents(t.db, { count: 600, regionId: tree.communityA1.id, prefix: 'o_a1_' })),
      ...(await residents(t.db, { count: 500, regionId: tree.communityA2.id, prefix: 'o_a2_' })),
      ...(await residents(t.db, { count: 400, regionId: tree.village.id, prefix: 'o_v_' })),
    ];
    const refusing = await residents(t.db, { count: 40, regionId: tree.communityB1.id, prefix: 'o_refuse_' }); // WeChat says 43101
    const noCredit = await residents(t.db, { count: 40, regionId: tree.communityB1.id, prefix: 'o_nocredit_', dbCredits: 0 }); // we know: no send
    await grantFakeCredits(driver, [...eligible, ...noCredit]);
    const { notice, written } = await publishWithOutbox(t, tree.district.id, { title: '关于2027年城乡居民医保集中缴费的通知' });
    expect(written).toBe(1580);
    // One message whose value WeChat rejects (a phrase of Latin letters): 47003, never retried.
    const [victim] = await residents(t.db, { count: 1, regionId: tree.communityA1.id, prefix: 'o_badvalue_' });
    await grantFakeCredits(driver, [victim]);
    const now = toSqlTime(new Date());
    await t.db.query(
      `INSERT INTO push_outbox (dedupe_key, message_type, user_id, openid, template_id, page, data, urgent, status, attempts, next_attempt_at, notice_id, created_at, updated_at)
       VALUES (?, 'notice_published', ?, ?, ?, NULL, ?, ?, 'queued', 0, ?, ?, ?, ?)`,
      [`test:47003:${victim.id}`, victim.id, victim.openid, NOTICE_TEMPLATE, JSON.stringify({ thing1: '医保缴费', phrase4: 'urgent' }), false, now, notice.id, now, now],
    );
    await driver.setLatency(1, 'subscribe_send');

    const service = t.app.get(DispatcherService);
    const mysql = t.config.database.type === 'mysql';
    const workers = mysql ? [service.create({ claimSize: 150, concurrency: 48 }), service.create({ claimSize: 150, concurrency: 48 })] : [service.create({ claimSize: 150, concurrency: 48 })];
    const draining = Promise.all(workers.map((w) => w.drain({ timeoutMs: 90_000 })));

    // Mid-run: the token expires, then bursts of busy answers, rate limiting, 5xx and timeouts.
    const delivered = async () => (await driver.stats()).messagesDelivered;
    while ((await delivered()) < 200) await sleep(10);
    await driver.expireToken();
    await driver.injectFaults('subscribe_send', Array(40).fill(-1));
    while ((await delivered()) < 600) await sleep(10);
    await driver.injectFaults('subscribe_send', [...Array(30).fill(45011), 'http500', 'http500', 'http500', 'timeout', 'timeout', ...Array(10).fill(-1)]);
    while ((await delivered()) < 1000) await sleep(10);
    await driver.expireToken();
    await driver.injectFaults('subscribe_send', [...Array(20).fill(-1), ...Array(20).fill(45011)]);

    const reports = await draining;
    const rows = await outbox(t.db);
    const messages = await driver.messages();

    // Nothing left behind.
    expect(countBy(rows, (r) => r.status)).toEqual({ sent: 1500, refused: 80, failed: 1 });
    // Every eligible resident got the message exactly once, with the msgid we recorded.
    const check = reconcile(rows, messages);
    expect(check).toEqual({ delivered: 1500, duplicates: 0, lost: 0, msgidMismatch: 0, unrecorded: 0 });
    expect(new Set(messages.map((m) => m.openid))).toEqual(new Set(eligible.map((r) => r.openid)));
    // Refused ones: never at WeChat, only in the message centre; 43101 ends a row (no retry after it).
    const refusedRows = rows.filter((r) => r.status === 'refused');
    expect(new Set(refusedRows.map((r) => r.openid))).toEqual(new Set([...refusing, ...noCredit].map((r) => r.openid)));
    expect(refusedRows.filter((r) => r.openid.startsWith('o_refuse_')).every((r) => r.last_error?.startsWith('43101'))).toBe(true);
    expect(refusedRows.filter((r) => r.openid.startsWith('o_nocredit_')).every((r) => r.attempts === 1 && r.last_error?.startsWith('no credit'))).toBe(true);
    const [inbox] = await t.db.query('SELECT COUNT(*) AS n FROM inbox_item WHERE notice_id = ?', [notice.id]);
    expect(Number(inbox.n)).toBe(1580);
    const failed = rows.find((r) => r.status === 'failed')!;
    expect(failed.openid).toBe(victim.openid);
    expect(failed.last_error).toMatch(/^47003 data\.phrase4\.value invalid/);
    // The faults really happened and were retried.
    const stats = await driver.stats();
    expect(stats.tokensIssued).toBeGreaterThanOrEqual(3);
    expect(stats.endpoints.subscribe_send.errors).toBeGreaterThanOrEqual(140);
    const total = reports.reduce((a, r) => ({ sent: a.sent + r.sent, retried: a.retried + r.retried }), { sent: 0, retried: 0 });
    expect(total.sent).toBe(1500);
    expect(total.retried).toBeGreaterThanOrEqual(100);
    if (mysql) expect(reports.every((r) => r.sent > 0)).toBe(true);
    console.log(
      `dispatcher faults (${t.config.database.type}, ${workers.length} dispatcher${workers.length > 1 ? 's' : ''}): delivered ${check.delivered}/1500, ` +
        `duplicates ${check.duplicates}, refused ${refusedRows.length}, failed 1 (47003), retried ${total.retried}, WeChat errors ${stats.endpoints.subscribe_send.errors}, tokens ${stats.tokensIssued}`,
    );
  });
});
