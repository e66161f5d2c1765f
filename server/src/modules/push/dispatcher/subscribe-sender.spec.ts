import { createFakeWechat, type FakeWechat } from '../../../fake-wechat/fake-wechat';
import { FakeWechatDriver } from '../../../fake-wechat/fake-wechat.driver';
import { MemoryTokenStore } from '../../wechat/token-store';
import { WechatClient } from '../../wechat/wechat.client';
import { WechatApiError, WechatTransportError } from '../../wechat/wechat.errors';
import { CachedTokenStore } from './cached-token-store';
import { SubscribeSender } from './subscribe-sender';

const APPID = 'wx_sender_spec';
const SECRET = 'sender-spec-secret';
const TPL = 'TPL_NOTICE_PUBLISHED';

describe('SubscribeSender against the fake WeChat server', () => {
  let fake: FakeWechat;
  let driver: FakeWechatDriver;
  let sender: SubscribeSender;
  let tokens: CachedTokenStore;

  const message = (touser: string, data: Record<string, string> = { thing1: '关于冬季供暖的通知', time2: '2026年11月24日 15:01' }) => ({
    touser,
    templateId: TPL,
    page: 'packages/notice/detail/index?id=42',
    data,
  });
  const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

  beforeAll(async () => {
    fake = await createFakeWechat({ port: 0, appid: APPID, secret: SECRET });
    driver = new FakeWechatDriver(fake.url);
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    await driver.reset();
    tokens = new CachedTokenStore(new MemoryTokenStore());
    const client = new WechatClient({ apiBase: fake.url, appid: APPID, secret: SECRET, timeoutMs: 300, busyRetry: { attempts: 1 } }, tokens);
    sender = new SubscribeSender({ apiBase: fake.url, appid: APPID, timeoutMs: 300, maxSockets: 8 }, client, tokens);
  });
  afterEach(() => sender.close());

  it('sends and returns the msgid as an exact string', async () => {
    await driver.grantCredits('o_alice', TPL);
    const { msgid } = await sender.send(message('o_alice'));
    expect(msgid).toBe('1988810812324364291');
    const [delivered] = await driver.messages('o_alice');
    expect(delivered).toMatchObject({ templateId: TPL, page: 'packages/notice/detail/index?id=42', msgid });
    expect(delivered.data).toEqual({ thing1: { value: '关于冬季供暖的通知' }, time2: { value: '2026年11月24日 15:01' } });
  });

  it('throws WeChat errors as WechatApiError: 43101, 47003 with its field, -1', async () => {
    const refused = await caught(sender.send(message('o_refuse_1')));
    expect(refused).toBeInstanceOf(WechatApiError);
    expect((refused as WechatApiError).errcode).toBe(43101);
    await driver.grantCredits('o_bob', TPL);
    const invalid = (await caught(sender.send(message('o_bob', { phrase4: 'abc' })))) as WechatApiError;
    expect([invalid.errcode, invalid.field]).toEqual([47003, 'phrase4']);
    const busy = (await caught(sender.send(message('o_busy_1')))) as WechatApiError;
    expect(busy.errcode).toBe(-1);
    // No internal retry of -1: one call.
    expect((await driver.stats()).endpoints.subscribe_send.calls).toBe(3);
  });

  it('turns HTTP 5xx and timeouts into WechatTransportError, within the timeout', async () => {
    await driver.injectFaults('subscribe_send', ['http500', 'timeout']);
    const http = (await caught(sender.send(message('o_carol')))) as WechatTransportError;
    expect([http.kind, http.status]).toEqual(['http', 500]);
    const started = Date.now();
    const timeout = (await caught(sender.send(message('o_carol')))) as WechatTransportError;
    expect(timeout).toBeInstanceOf(WechatTransportError);
    expect(timeout.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(timeout.message).not.toMatch(/access_token/);
  });

  it('renews an expired token once and delivers once', async () => {
    await driver.grantCredits('o_dave', TPL, 3);
    await sender.send(message('o_dave'));
    await driver.expireToken();
    const { msgid } = await sender.send(message('o_dave'));
    expect(msgid).toMatch(/^\d+$/);
    expect((await driver.messages('o_dave')).length).toBe(2);
    expect((await driver.stats()).tokensIssued).toBe(2);
  });

  it('reuses keep-alive connections', async () => {
    for (let i = 0; i < 30; i++) await driver.grantCredits(`o_k${i}`, TPL);
    await Promise.all(Array.from({ length: 30 }, (_, i) => sender.send(message(`o_k${i}`))));
    const agent = (sender as unknown as { agent: { freeSockets: Record<string, unknown[]> } }).agent;
    const free = Object.values(agent.freeSockets).reduce((n, list) => n + list.length, 0);
    expect(free).toBeGreaterThan(0);
    expect(free).toBeLessThanOrEqual(8);
  });
});
