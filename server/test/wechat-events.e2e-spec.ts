import { callbackSignature } from '../src/fake-wechat/callback';
import { fromSqlTime } from '../src/modules/notices/search/sql-time';
import { DispatcherService } from '../src/modules/push/dispatcher/dispatcher.service';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { driverFor, FAST_DISPATCH_ENV, grantFakeCredits, NOTICE_TEMPLATE, outbox, publishWithOutbox, residents } from './support/dispatcher-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

const TOKEN = 'sunboardTestPushToken42';

/** Query string WeChat adds to a push: signature over (token, timestamp, nonce). */
function signed(token = TOKEN, timestamp = String(Math.floor(Date.now() / 1000)), nonce = 'n0nce123') {
  return { signature: callbackSignature(token, timestamp, nonce), timestamp, nonce };
}

async function count(t: TestApp, table: string): Promise<number> {
  const [row] = await t.db.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

describe('WeChat message push: /api/wechat/events', () => {
  let t: TestApp;
  let tree: RegionTree;

  beforeEach(async () => {
    t = await startTestApp({ env: { ...FAST_DISPATCH_ENV, WECHAT_PUSH_TOKEN: TOKEN } });
    tree = await makeRegionTree(t.db);
  });
  afterEach(async () => {
    await t.close();
  });

  /** Residents with a sent notice message each; returns the outbox rows. */
  async function sentMessages(n: number) {
    const people = await residents(t.db, { count: n, regionId: tree.communityA1.id });
    await grantFakeCredits(driverFor(t), people);
    await publishWithOutbox(t, tree.communityA1.id);
    await t.app.get(DispatcherService).dispatcher.drain({ timeoutMs: 10_000 });
    return outbox(t.db);
  }

  it("answers WeChat's URL check with echostr when the signature is right", async () => {
    const ok = await t.request('GET', '/api/wechat/events', { query: { ...signed(), echostr: '8827391023' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('8827391023');
    expect(String(ok.headers['content-type'])).toMatch(/^text\/plain/);
    const wrong = await t.request('GET', '/api/wechat/events', { query: { ...signed('another-token'), echostr: '1' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('FORBIDDEN');
    const missing = await t.request('GET', '/api/wechat/events', { query: { echostr: '1' } });
    expect(missing.status).toBe(401);
  });

  it('records receipts pushed by WeChat (List as one object) and confirms or fails the outbox rows by msgid', async () => {
    const rows = await sentMessages(3);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${await t.app.getUrl()}/api/wechat/events`.replace('[::1]', '127.0.0.1');
    const driver = driverFor(t);
    await driver.setCallback(url, TOKEN);
    const [a, b, c] = rows;

    expect(await driver.receipt(a.openid, NOTICE_TEMPLATE, a.msgid!, 'success')).toMatchObject({ delivered: true, callbackStatus: 200, callbackBody: 'success' });
    expect((await driver.receipt(b.openid, NOTICE_TEMPLATE, b.msgid!, 'user_refused')).callbackStatus).toBe(200);
    expect((await driver.receipt(c.openid, NOTICE_TEMPLATE, c.msgid!, 'failed')).callbackStatus).toBe(200);

    const events: Array<Record<string, unknown>> = await t.db.query('SELECT event, openid, template_id, msgid, status, error_code, raw FROM push_event ORDER BY id');
    expect(events.map((e) => [e.event, e.openid, e.template_id, e.msgid, e.status, Number(e.error_code)])).toEqual([
      ['subscribe_msg_sent_event', a.openid, NOTICE_TEMPLATE, a.msgid, 'success', 0],
      ['subscribe_msg_sent_event', b.openid, NOTICE_TEMPLATE, b.msgid, 'fail:user refuse', 20004],
      ['subscribe_msg_sent_event', c.openid, NOTICE_TEMPLATE, c.msgid, 'fail:system error', 20005],
    ]);
    expect(JSON.parse(String(events[0].raw))).toMatchObject({ FromUserName: a.openid, Event: 'subscribe_msg_sent_event', List: { MsgID: a.msgid } });

    const after: Array<Record<string, unknown>> = await t.db.query('SELECT id, status, delivered_at, last_error FROM push_outbox ORDER BY id');
    expect(fromSqlTime(after[0].delivered_at)).toBeInstanceOf(Date);
    expect(after[0].status).toBe('sent');
    expect(after[1]).toMatchObject({ status: 'refused', delivered_at: null, last_error: 'receipt 20004 fail:user refuse' });
    expect(after[2]).toMatchObject({ status: 'failed', delivered_at: null, last_error: 'receipt 20005 fail:system error' });
  });

  it('reads several receipts (List as an array) with msgids above 2^53 exact', async () => {
    const rows = await sentMessages(2);
    const openid = rows[0].openid;
    // Both messages "of one resident": give the second row the first one's openid for the push.
    await t.db.query('UPDATE push_outbox SET openid = ? WHERE id = ?', [openid, rows[1].id]);
    // The msgids as bare JSON numbers, as WeChat writes them: JSON.parse would round them.
    const payload =
      `{"ToUserName":"gh_x","FromUserName":"${openid}","CreateTime":1700000000,"MsgType":"event","Event":"subscribe_msg_sent_event",` +
      `"List":[{"TemplateId":"${NOTICE_TEMPLATE}","MsgID":${rows[0].msgid},"ErrorCode":0,"ErrorStatus":"success"},` +
      `{"TemplateId":"${NOTICE_TEMPLATE}","MsgID":${rows[1].msgid},"ErrorCode":0,"ErrorStatus":"success"}]}`;
    expect(Number(rows[0].msgid)).toBe(Number(rows[1].msgid)); // as JS numbers the two msgids are the same
    const res = await t.request('POST', '/api/wechat/events', { query: signed(), payload, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.body).toBe('success');
    const events: Array<{ msgid: string }> = await t.db.query('SELECT msgid FROM push_event ORDER BY id');
    expect(events.map((e) => e.msgid)).toEqual([rows[0].msgid, rows[1].msgid]);
    const [delivered] = await t.db.query('SELECT COUNT(*) AS n FROM push_outbox WHERE delivered_at IS NOT NULL');
    expect(Number(delivered.n)).toBe(2);
  });

  it('a switch-off (subscribe_msg_change_event reject) stops further sends to that resident', async () => {
    const people = await residents(t.db, { count: 2, regionId: tree.communityA1.id, dbCredits: 3 });
    await grantFakeCredits(driverFor(t), people, NOTICE_TEMPLATE, 3);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const driver = driverFor(t);
    await driver.setCallback(`${(await t.app.getUrl()).replace('[::1]', '127.0.0.1')}/api/wechat/events`, TOKEN);
    expect((await driver.changeEvent(people[0].openid, NOTICE_TEMPLATE, 'reject')).callbackStatus).toBe(200);

    const [credit] = await t.db.query('SELECT switched_off FROM subscribe_credit WHERE user_id = ?', [people[0].id]);
    expect(Number(credit.switched_off)).toBe(1);
    const [event] = await t.db.query('SELECT event, status, msgid FROM push_event');
    expect(event).toMatchObject({ event: 'subscribe_msg_change_event', status: 'reject', msgid: null });

    await publishWithOutbox(t, tree.communityA1.id);
    const report = await t.app.get(DispatcherService).dispatcher.drain({ timeoutMs: 10_000 });
    expect(report).toMatchObject({ sent: 1, refused: 1 });
    expect((await driver.messages()).map((m) => m.openid)).toEqual([people[1].openid]);
    const rows = await outbox(t.db);
    expect(rows.find((r) => r.openid === people[0].openid)?.last_error).toMatch(/^switched off/);
  });

  it('refuses a push with a bad or missing signature and writes nothing', async () => {
    const rows = await sentMessages(1);
    const body = {
      ToUserName: 'gh_x',
      FromUserName: rows[0].openid,
      CreateTime: 1700000000,
      MsgType: 'event',
      Event: 'subscribe_msg_sent_event',
      List: { TemplateId: NOTICE_TEMPLATE, MsgID: rows[0].msgid, ErrorCode: 20005, ErrorStatus: 'fail:system error' },
    };
    const forged = await t.request('POST', '/api/wechat/events', { query: signed('guessed-token'), body });
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ code: 'FORBIDDEN', message: '微信推送签名不正确' });
    const replayed = await t.request('POST', '/api/wechat/events', { query: { ...signed(), timestamp: '1' }, body });
    expect(replayed.status).toBe(403);
    const unsigned = await t.request('POST', '/api/wechat/events', { body });
    expect(unsigned.status).toBe(401);
    const change = await t.request('POST', '/api/wechat/events', {
      query: signed('x'),
      body: { ...body, Event: 'subscribe_msg_change_event', List: { TemplateId: NOTICE_TEMPLATE, SubscribeStatusString: 'reject' } },
    });
    expect(change.status).toBe(403);
    expect(await count(t, 'push_event')).toBe(0);
    expect((await outbox(t.db))[0].status).toBe('sent');
    const [credit] = await t.db.query('SELECT switched_off FROM subscribe_credit');
    expect(Number(credit.switched_off)).toBe(0);
  });

  it('answers 400 naming the field for a signed push it cannot read, and writes nothing', async () => {
    const res = await t.request('POST', '/api/wechat/events', {
      query: signed(),
      body: { FromUserName: 'o_x', Event: 'subscribe_msg_sent_event', List: [{ TemplateId: NOTICE_TEMPLATE, MsgID: 'abc', ErrorCode: 0 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ path: 'List.0.MsgID', reason: '必须是数字消息 ID' }]);
    const broken = await t.request('POST', '/api/wechat/events', { query: signed(), payload: '{"Event": ', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(await count(t, 'push_event')).toBe(0);
  });

  it('acknowledges other events without recording them', async () => {
    const res = await t.request('POST', '/api/wechat/events', { query: signed(), body: { FromUserName: 'o_x', Event: 'user_enter_tempsession', MsgType: 'event' } });
    expect(res.status).toBe(200);
    expect(res.body).toBe('success');
    expect(await count(t, 'push_event')).toBe(0);
  });
});

describe('WeChat message push without a token (production, WECHAT_PUSH_TOKEN unset)', () => {
  it('refuses every push', async () => {
    const t = await startTestApp();
    try {
      // Simulate production's null token on the running config.
      (t.config as { wechatPushToken: string | null }).wechatPushToken = null;
      const res = await t.request('GET', '/api/wechat/events', { query: { ...signed('sunboard-dev-callback-token'), echostr: '1' } });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/WECHAT_PUSH_TOKEN/);
    } finally {
      await t.close();
    }
  });
});
