import { createFakeWechat, type FakeWechat } from '../../fake-wechat/fake-wechat';
import { FakeWechatDriver } from '../../fake-wechat/fake-wechat.driver';
import { MemoryTokenStore } from './token-store';
import { WechatClient, type WechatClientOptions } from './wechat.client';
import { loginErrorKind, WechatApiError, WechatTransportError } from './wechat.errors';

const APPID = 'wx_client_spec';
const SECRET = 'client-spec-secret';
const TPL = 'TPL_notice_published';

describe('WechatClient against the fake WeChat server', () => {
  let fake: FakeWechat;
  let driver: FakeWechatDriver;
  let store: MemoryTokenStore;
  let client: WechatClient;
  let warnings: string[];

  const makeClient = (over: Partial<WechatClientOptions> = {}, tokenStore = store) =>
    new WechatClient(
      {
        apiBase: fake.url,
        appid: APPID,
        secret: SECRET,
        timeoutMs: 1000,
        busyRetry: { attempts: 3, baseDelayMs: 5 },
        logger: { warn: (m) => warnings.push(m) },
        ...over,
      },
      tokenStore,
    );
  const stats = async () => (await driver.stats()).endpoints;
  const caught = async (p: Promise<unknown>): Promise<unknown> => p.then(() => 'resolved', (e: unknown) => e);
  const send = (touser = 'o_alice', data: Record<string, string> = { thing1: '低保名单公示', time2: '2026年11月24日 15:01' }) =>
    client.sendSubscribeMessage({ touser, templateId: TPL, page: 'pages/notice/detail?id=42', data, miniprogramState: 'formal', lang: 'zh_CN' });

  beforeAll(async () => {
    fake = await createFakeWechat({ port: 0, appid: APPID, secret: SECRET });
    driver = new FakeWechatDriver(fake.url);
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    await driver.reset();
    warnings = [];
    store = new MemoryTokenStore();
    client = makeClient();
  });

  describe('code2Session', () => {
    it('returns openid, sessionKey and unionid', async () => {
      const res = await client.code2Session(await driver.loginCode('o_alice', 'u_alice'));
      expect(res).toEqual({ openid: 'o_alice', sessionKey: expect.any(String), unionid: 'u_alice' });
      const plain = await client.code2Session(await driver.loginCode('o_bob'));
      expect(plain).not.toHaveProperty('unionid');
    });

    it('tells invalid, used, expired and blocked codes apart', async () => {
      const invalid = await caught(client.code2Session('nonsense'));
      expect(invalid).toBeInstanceOf(WechatApiError);
      expect((invalid as WechatApiError).errcode).toBe(40029);
      expect(loginErrorKind(invalid)).toBe('invalid');

      const code = await driver.loginCode('o_alice');
      await client.code2Session(code);
      expect(loginErrorKind(await caught(client.code2Session(code)))).toBe('used');

      const old = await driver.loginCode('o_alice');
      await driver.advanceClock(301);
      const expired = await caught(client.code2Session(old));
      expect((expired as WechatApiError).errcode).toBe(40029);
      expect(loginErrorKind(expired)).toBe('expired');

      expect(loginErrorKind(await caught(client.code2Session(await driver.loginCode('o_blocked_x'))))).toBe('blocked');
    });

    it('maps other failures to null', async () => {
      await driver.injectFaults('jscode2session', [45011, 'http500']);
      expect(loginErrorKind(await caught(client.code2Session('x')))).toBeNull();
      expect(loginErrorKind(await caught(client.code2Session('x')))).toBeNull();
      expect(loginErrorKind(new Error('x'))).toBeNull();
    });
  });

  describe('access token', () => {
    it('fetches one stable token and reuses it for many concurrent sends, also across instances sharing the store', async () => {
      await driver.grantCredits('o_alice', TPL, 25);
      const results = await Promise.all(Array.from({ length: 20 }, () => send()));
      expect(new Set(results.map((r) => r.msgid)).size).toBe(20);
      const other = makeClient();
      for (let i = 0; i < 5; i++) await other.sendSubscribeMessage({ touser: 'o_alice', templateId: TPL, data: { thing1: 'x' } });
      expect((await stats()).stable_token.calls).toBe(1);
      expect((await store.get(APPID))?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7000_000);
    });

    it('renews a stored token that has less than 5 minutes left', async () => {
      await store.save(APPID, 'old-token', new Date(Date.now() + 4 * 60_000));
      const token = await client.getAccessToken();
      expect(token).not.toBe('old-token');
      expect((await stats()).stable_token.calls).toBe(1);
      expect((await store.get(APPID))?.accessToken).toBe(token);
    });

    it('after the token expires at WeChat: exactly one refresh and one retry', async () => {
      await driver.grantCredits('o_alice', TPL, 2);
      await send();
      await driver.expireToken();
      await expect(send()).resolves.toEqual({ msgid: expect.stringMatching(/^\d+$/) });
      const s = await stats();
      expect(s.stable_token.calls).toBe(2);
      expect(s.subscribe_send).toEqual({ calls: 3, errors: 1 });
      expect(await driver.messages('o_alice')).toHaveLength(2);
    });

    it('many concurrent callers hitting an expired token share the refresh', async () => {
      await driver.grantCredits('o_alice', TPL, 11);
      await send();
      await driver.expireToken();
      const results = await Promise.all(Array.from({ length: 10 }, () => send()));
      expect(results).toHaveLength(10);
      expect((await stats()).stable_token.calls).toBeLessThanOrEqual(3);
    });

    it('does not retry a second token error in a row', async () => {
      await driver.grantCredits('o_alice', TPL, 1);
      await driver.injectFaults('subscribe_send', [40001, 40001]);
      const err = await caught(send());
      expect(err).toBeInstanceOf(WechatApiError);
      expect((err as WechatApiError).errcode).toBe(40001);
      expect((await stats()).subscribe_send.calls).toBe(2);
    });

    it('forces a new token when stable_token hands back the token WeChat just refused', async () => {
      await driver.grantCredits('o_alice', TPL, 1);
      const before = await client.getAccessToken();
      await driver.injectFaults('subscribe_send', [40001]);
      await send();
      const after = (await store.get(APPID))?.accessToken;
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect((await stats()).stable_token.calls).toBe(3); // first fetch, normal refresh (same token), force refresh
    });

    it('surfaces stable_token errors', async () => {
      const wrong = makeClient({ secret: 'wrong' });
      const err = await caught(wrong.getAccessToken());
      expect(err).toMatchObject({ errcode: 40125, endpoint: 'stable_token' });
    });
  });

  describe('busy (-1)', () => {
    it('backs off and succeeds', async () => {
      await driver.grantCredits('o_alice', TPL, 1);
      await driver.injectFaults('subscribe_send', [-1, -1]);
      await expect(send()).resolves.toEqual({ msgid: expect.any(String) });
      expect((await stats()).subscribe_send.calls).toBe(3);
      expect(warnings.filter((w) => w.includes('busy'))).toHaveLength(2);
    });

    it('gives up after the configured attempts', async () => {
      const err = await caught(send('o_busy_forever'));
      expect((err as WechatApiError).errcode).toBe(-1);
      expect((await stats()).subscribe_send.calls).toBe(3);
      const once = makeClient({ busyRetry: { attempts: 1 } });
      await caught(once.sendSubscribeMessage({ touser: 'o_busy_1', templateId: TPL, data: { thing1: 'x' } }));
      expect((await stats()).subscribe_send.calls).toBe(4);
    });

    it('waits longer each time', async () => {
      const slow = makeClient({ busyRetry: { attempts: 3, baseDelayMs: 60 } });
      await driver.injectFaults('msg_sec_check', [-1, -1]);
      const started = Date.now();
      await slow.msgSecCheck({ content: 'x', openid: 'o_alice', scene: 2 });
      // 60·1 + 60·2 at least, plus jitter.
      expect(Date.now() - started).toBeGreaterThanOrEqual(175);
    });
  });

  describe('subscribeMessage.send', () => {
    it('returns the msgid as a string with its exact digits', async () => {
      await driver.grantCredits('o_alice', TPL, 2);
      expect(await send()).toEqual({ msgid: '1988810812324364291' });
      expect(await send()).toEqual({ msgid: '1988810812324364292' });
      const delivered = await driver.messages('o_alice');
      expect(delivered[0].data).toEqual({ thing1: { value: '低保名单公示' }, time2: { value: '2026年11月24日 15:01' } });
    });

    it('surfaces 43101 (no credit) without retrying', async () => {
      const err = await caught(send());
      expect(err).toBeInstanceOf(WechatApiError);
      expect((err as WechatApiError).errcode).toBe(43101);
      expect((await stats()).subscribe_send.calls).toBe(1);
    });

    it('surfaces 47003 with the field it names', async () => {
      await driver.grantCredits('o_alice', TPL, 1);
      const err = await caught(send('o_alice', { thing1: 'ok', phrase3: '已经审核通过了' }));
      expect(err).toMatchObject({ errcode: 47003, endpoint: 'subscribe_send', field: 'phrase3' });
    });
  });

  describe('msgSecCheck and getWxaCodeUnlimit', () => {
    it('returns the verdict', async () => {
      expect(await client.msgSecCheck({ content: '你好', openid: 'o_alice', scene: 2 })).toEqual({ suggest: 'pass', label: 100, traceId: expect.any(String) });
      expect(await client.msgSecCheck({ content: '__RISKY__', openid: 'o_alice', scene: 2 })).toMatchObject({ suggest: 'risky', label: 20001 });
      expect(await client.msgSecCheck({ content: '__REVIEW__', openid: 'o_alice', scene: 3 })).toMatchObject({ suggest: 'review' });
      expect(await caught(client.msgSecCheck({ content: 'x', openid: 'o_stale_1', scene: 2 }))).toMatchObject({ errcode: 61010 });
    });

    it('returns image bytes, and JSON answers as errors', async () => {
      const png = await client.getWxaCodeUnlimit({ scene: 'n=42', page: 'pages/notice/detail', width: 280, envVersion: 'release', checkPath: false });
      expect(Buffer.isBuffer(png)).toBe(true);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(280);
      const err = await caught(client.getWxaCodeUnlimit({ scene: 'x'.repeat(40), page: 'pages/index/index' }));
      expect(err).toMatchObject({ errcode: 40169, endpoint: 'getwxacodeunlimit' });
      expect(await caught(client.getWxaCodeUnlimit({ scene: 'x', page: '/pages/index/index' }))).toMatchObject({ errcode: 41030 });
    });
  });

  describe('transport failures', () => {
    it('turns a held request into a timeout error after timeoutMs', async () => {
      const quick = makeClient({ timeoutMs: 200 });
      await driver.injectFaults('jscode2session', ['timeout']);
      const started = Date.now();
      const err = await caught(quick.code2Session('x'));
      expect(err).toBeInstanceOf(WechatTransportError);
      expect((err as WechatTransportError).kind).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('turns HTTP 500 into an http error and a closed port into a network error, never showing the secret', async () => {
      await driver.injectFaults('jscode2session', ['http500']);
      const http = await caught(client.code2Session('x'));
      expect(http).toMatchObject({ kind: 'http', status: 500 });
      const down = makeClient({ apiBase: 'http://127.0.0.1:1' });
      const net = await caught(down.code2Session('x'));
      expect(net).toBeInstanceOf(WechatTransportError);
      expect((net as WechatTransportError).kind).toBe('network');
      expect(String((net as Error).message)).not.toContain(SECRET);
    });

    it('never logs tokens or secrets', async () => {
      await driver.grantCredits('o_alice', TPL, 1);
      await driver.injectFaults('subscribe_send', [-1, 42001]);
      await send();
      const token = (await store.get(APPID))?.accessToken ?? '';
      expect(warnings.length).toBeGreaterThan(0);
      for (const w of warnings) {
        expect(w).not.toContain(SECRET);
        expect(w).not.toContain(token);
        expect(w).not.toContain('fake_stable_');
      }
    });
  });
});
