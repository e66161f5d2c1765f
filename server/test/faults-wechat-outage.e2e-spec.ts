import { DispatcherService } from '../src/modules/push/dispatcher/dispatcher.service';
import { makeRegionTree } from './factories/regions';
import { countBy, driverFor, grantFakeCredits, NOTICE_TEMPLATE, outbox, reconcile, residents } from './support/dispatcher-fixtures';
import { noticeInput, person, workflow } from './support/notice-fixtures';
import { OutageProxy } from './support/outage-proxy';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 8, point 3 (faults): the WeChat API down for two minutes, in wall time, with the dispatcher
 * running in the background as in production and the production retry settings (PUSH_RETRY_BASE_MS
 * 5 s doubling to 15 min, 6 attempts, WECHAT_TIMEOUT_MS 5 s, lease 60 s). The app reaches the fake
 * WeChat through a proxy (support/outage-proxy.ts) that the test takes down: 60 s refusing
 * connections, then 60 s accepting them and never answering; then back on the same port. A notice
 * is mid-fan-out when WeChat goes away and a second one is published (over HTTP) while it is away.
 * Afterwards every message must be delivered exactly once (the fake's delivered list: no duplicates,
 * none missing, the msgid recorded), none marked failed, nothing delivered while WeChat was away.
 *
 * Only the send rate (PUSH_RATE_PER_SECOND) and quiet hours (off, so the wall clock does not matter)
 * differ from the defaults; OUTAGE_MS can shorten the outage for a local run (docs/faults.md).
 */
const OUTAGE_MS = Number(process.env.FAULTS_WECHAT_OUTAGE_MS ?? 120_000);
const FIRST = 1000;
const SECOND = 500;
/** After WeChat is back, everything must be delivered within this long. */
const CATCH_UP_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('faults: the WeChat API down for two minutes', () => {
  let t: TestApp;
  let proxy: OutageProxy;

  beforeAll(async () => {
    proxy = await OutageProxy.start();
    t = await startTestApp({
      env: { WECHAT_API_BASE: proxy.url, PUSH_QUIET_HOURS: 'off', PUSH_RATE_PER_SECOND: '100' },
    });
    proxy.target = t.fakeWechatUrl;
  });
  afterAll(async () => {
    await t?.app.get(DispatcherService).dispatcher.stop();
    await t?.close();
    await proxy?.close();
  });

  it(`delivers every message exactly once, none failed, after ${OUTAGE_MS / 1000} s without WeChat`, async () => {
    const driver = driverFor(t);
    const tree = await makeRegionTree(t.db);
    const author = await person(t, [['grid_worker', tree.streetA.id]]);
    const reviewer = await person(t, [['reviewer', tree.streetA.id]]);
    const flow = workflow(t);
    const first = await residents(t.db, { count: FIRST, regionId: tree.communityA1.id, prefix: 'o_out1_' });
    const second = await residents(t.db, { count: SECOND, regionId: tree.communityA2.id, prefix: 'o_out2_' });
    // Two credits each at WeChat: a message sent twice would be delivered twice (and counted), not refused.
    await grantFakeCredits(driver, [...first, ...second], NOTICE_TEMPLATE, 2);

    const dispatcher = t.app.get(DispatcherService).dispatcher;
    dispatcher.start();
    const delivered = async () => (await driver.stats()).messagesDelivered;
    await flow.publish(author, reviewer, noticeInput(tree.communityA1.id, { title: '关于光明社区停水检修的通知' }));

    // WeChat goes away in the middle of the first fan-out.
    while ((await delivered()) < 300) await sleep(20);
    const downAt = Date.now();
    await proxy.set('refusing');
    const atDown = await delivered();
    // Publishing does not need WeChat: the second notice is queued while it is away.
    await flow.publish(author, reviewer, noticeInput(tree.communityA2.id, { title: '关于建设路社区燃气安全检查的通知' }));
    await sleep(OUTAGE_MS / 2 - (Date.now() - downAt));
    await proxy.set('silent');
    await sleep(OUTAGE_MS - (Date.now() - downAt));
    const duringOutage = (await delivered()) - atDown;
    const failedDuringOutage = countBy(await outbox(t.db), (r) => r.status).failed ?? 0;
    await proxy.set('up');
    const upAt = Date.now();

    const total = FIRST + SECOND;
    let done = 0;
    while (Date.now() - upAt < CATCH_UP_MS) {
      const [row] = await t.db.query(`SELECT COUNT(*) AS n FROM push_outbox WHERE status IN ('queued', 'sending')`);
      if (Number(row.n) === 0) {
        done = Date.now();
        break;
      }
      await sleep(200);
    }
    await dispatcher.stop();

    const rows = await outbox(t.db);
    const messages = await driver.messages();
    const check = reconcile(rows, messages);
    const stats = dispatcher.stats();
    const maxAttempts = Math.max(...rows.map((r) => r.attempts));
    console.log(
      `WeChat down ${Math.round((upAt - downAt) / 1000)} s (${t.config.database.type}; refusing, then silent): ` +
        `${atDown} delivered before, ${duringOutage} during, all ${check.delivered}/${total} delivered ${done ? `${((done - upAt) / 1000).toFixed(1)} s` : 'NOT'} after WeChat was back; ` +
        `duplicates ${check.duplicates}, lost ${check.lost}, failed ${countBy(rows, (r) => r.status).failed ?? 0}; ` +
        `requests held unanswered ${proxy.counts.held}, retries ${stats.retried}, given back uncharged ${stats.waited}, most attempts of one message ${maxAttempts}`,
    );

    expect(duringOutage).toBe(0);
    expect(failedDuringOutage).toBe(0);
    expect(done).toBeGreaterThan(0);
    expect(countBy(rows, (r) => r.status)).toEqual({ sent: total });
    expect(check).toEqual({ delivered: total, duplicates: 0, lost: 0, msgidMismatch: 0, unrecorded: 0 });
    expect(new Set(messages.map((m) => m.openid))).toEqual(new Set([...first, ...second].map((r) => r.openid)));
    // The outage was real: sends were tried and refused or left unanswered while WeChat was away.
    expect(proxy.counts.held).toBeGreaterThan(0);
    expect(stats.retried + stats.waited).toBeGreaterThan(0);
    // The messages waited instead of using up their attempts (PUSH_MAX_ATTEMPTS is 6): WeChat being away
    // for two minutes costs a message at most the send that found it gone and one probe.
    expect(stats.waited).toBeGreaterThan(0);
    expect(maxAttempts).toBeLessThanOrEqual(3);
  }, OUTAGE_MS + CATCH_UP_MS + 120_000);
});
