import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackSignature } from './callback';
import type { FakeWechat } from './fake-wechat';
import type { FakeWechatDriver } from './fake-wechat.driver';
import { type RawClient, startFake } from './spec-support';

interface Pushed {
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** A callback receiver standing in for our server's WeChat push endpoint. */
async function startReceiver(): Promise<{ server: Server; url: string; pushes: Pushed[] }> {
  const pushes: Pushed[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      pushes.push({ query: new URL(req.url ?? '/', 'http://x').searchParams, body: JSON.parse(text) as Record<string, unknown> });
      res.end('success');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/wechat/push?x=1`, pushes };
}

describe('fake WeChat: test routes', () => {
  let fake: FakeWechat;
  let driver: FakeWechatDriver;
  let raw: RawClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    ({ fake, driver, raw } = await startFake({ callbackUrl: receiver.url, callbackToken: 'cb-token' }));
  });
  afterAll(async () => {
    await fake.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });
  beforeEach(async () => {
    await driver.reset();
    receiver.pushes.length = 0;
  });

  it('answers the injected faults in order, then behaves normally again', async () => {
    await driver.injectFaults('stable_token', [-1, 45009, 'http500']);
    const a = await raw.stableToken();
    expect([a.status, a.json.errcode]).toEqual([200, -1]);
    expect(a.json.errmsg).toMatch(/^system error rid: /);
    expect((await raw.stableToken()).json.errcode).toBe(45009);
    expect((await raw.stableToken()).status).toBe(500);
    expect(typeof (await raw.stableToken()).json.access_token).toBe('string');
    expect((await driver.stats()).endpoints.stable_token).toEqual({ calls: 4, errors: 3 });
  });

  it('replaces the queue on each injection, and [] clears it', async () => {
    await driver.injectFaults('stable_token', [45009, 45009]);
    await driver.injectFaults('stable_token', [-1]);
    expect((await raw.stableToken()).json.errcode).toBe(-1);
    expect(typeof (await raw.stableToken()).json.access_token).toBe('string');
    await driver.injectFaults('stable_token', ['http500', 'http500']);
    await driver.injectFaults('stable_token', []);
    expect((await raw.stableToken()).status).toBe(200);
  });

  it('keeps fault queues per endpoint', async () => {
    await driver.injectFaults('msg_sec_check', [45011]);
    expect(typeof (await raw.stableToken()).json.access_token).toBe('string');
    const token = await raw.token();
    const res = await raw.post(`/wxa/msg_sec_check?access_token=${token}`, { content: 'x', version: 2, scene: 1, openid: 'o_a' });
    expect(res.json.errcode).toBe(45011);
  });

  it('holds a request on timeout: the client gets no answer, and later calls are served', async () => {
    await driver.injectFaults('jscode2session', ['timeout']);
    const started = Date.now();
    await expect(raw.request('GET', '/sns/jscode2session?js_code=x', undefined, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await raw.jscode2session('unknown')).json.errcode).toBe(40029);
  });

  it('releases held requests when the fake closes', async () => {
    const { fake: other, driver: d, raw: r } = await startFake();
    await d.injectFaults('stable_token', ['timeout']);
    const pending = r.stableToken().then(
      (res) => res.status,
      () => 'closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await other.close();
    expect(await pending).not.toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('adds latency, to all endpoints or to one', async () => {
    await driver.setLatency(250, 'jscode2session');
    let t = Date.now();
    await raw.jscode2session('x');
    expect(Date.now() - t).toBeGreaterThanOrEqual(240);
    t = Date.now();
    await raw.stableToken();
    expect(Date.now() - t).toBeLessThan(200);
    await driver.setLatency(150);
    t = Date.now();
    await raw.stableToken();
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('answers /__test/login-code with CORS for any origin, including the preflight', async () => {
    const pre = await raw.request('OPTIONS', '/__test/login-code', undefined, {
      headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    const res = await fetch(`${fake.url}/__test/login-code`, {
      method: 'POST',
      headers: { origin: 'http://localhost:10086', 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o_h5_user' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const { code } = (await res.json()) as { code: string };
    expect((await raw.jscode2session(code)).json.openid).toBe('o_h5_user');
  });

  it('answers the demo credit grants with CORS too', async () => {
    for (const path of ['/__test/credits', '/__test/long-term-grant']) {
      const pre = await raw.request('OPTIONS', path, undefined, {
        headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(pre.status).toBe(204);
      const res = await fetch(`${fake.url}${path}`, {
        method: 'POST',
        headers: { origin: 'http://localhost:10086', 'content-type': 'application/json' },
        body: JSON.stringify({ openid: 'o_h5_user', templateId: 'TPL_DEMO_1' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect(await (await fetch(`${fake.url}/__test/credits?openid=o_h5_user&templateId=TPL_DEMO_1`)).json()).toMatchObject({ credits: 1, longTermGranted: true });
  });

  it('rejects bad test input with 400', async () => {
    expect((await raw.post('/__test/login-code', {})).status).toBe(400);
    expect((await raw.post('/__test/faults', { endpoint: 'nope', errors: [-1] })).status).toBe(400);
    expect((await raw.post('/__test/credits', 'not json')).status).toBe(400);
  });

  it('reset clears codes, tokens, credits, messages, faults and stats', async () => {
    const code = await driver.loginCode('o_alice');
    const token = await raw.token();
    await driver.grantCredits('o_alice', 'TPL_reset_me');
    await driver.injectFaults('token', [-1]);
    await driver.reset();
    expect((await raw.jscode2session(code)).json.errcode).toBe(40029);
    expect((await raw.post(`/wxa/msg_sec_check?access_token=${token}`, {})).json.errcode).toBe(40014);
    expect((await driver.credits('o_alice', 'TPL_reset_me')).credits).toBe(0);
    expect((await driver.stats()).endpoints.token).toEqual({ calls: 0, errors: 0 });
  });

  it('pushes a signed subscribe_msg_sent_event receipt with List as an object', async () => {
    const res = await driver.receipt('o_alice', 'TPL_notice', '1988810812324364291', 'user_refused');
    expect(res).toMatchObject({ delivered: true, callbackStatus: 200, callbackBody: 'success' });
    expect(receiver.pushes).toHaveLength(1);
    const { query, body } = receiver.pushes[0];
    expect(query.get('x')).toBe('1');
    expect(query.get('signature')).toBe(callbackSignature('cb-token', query.get('timestamp')!, query.get('nonce')!));
    expect(body).toMatchObject({
      FromUserName: 'o_alice',
      MsgType: 'event',
      Event: 'subscribe_msg_sent_event',
      List: { TemplateId: 'TPL_notice', MsgID: '1988810812324364291', ErrorCode: 20004, ErrorStatus: 'fail:user refuse' },
    });
  });

  it('pushes subscribe_msg_change_event on reject and drops the credits', async () => {
    await driver.grantCredits('o_alice', 'TPL_notice', 3);
    await driver.changeEvent('o_alice', 'TPL_notice', 'reject');
    expect(receiver.pushes[0].body).toMatchObject({
      Event: 'subscribe_msg_change_event',
      List: { TemplateId: 'TPL_notice', SubscribeStatusString: 'reject' },
    });
    expect((await driver.credits('o_alice', 'TPL_notice')).credits).toBe(0);
  });

  it('answers 502 when the callback cannot be reached', async () => {
    await driver.setCallback('http://127.0.0.1:1/nowhere');
    const res = await raw.post('/__test/receipt', { openid: 'o_a', templateId: 'TPL_x', msgid: '1', status: 'success' });
    expect(res.status).toBe(502);
    expect(res.json.delivered).toBe(false);
  });
});
