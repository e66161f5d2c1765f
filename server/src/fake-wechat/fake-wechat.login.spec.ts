import type { FakeWechat } from './fake-wechat';
import type { FakeWechatDriver } from './fake-wechat.driver';
import { type RawClient, startFake } from './spec-support';

describe('fake WeChat: jscode2session', () => {
  let fake: FakeWechat;
  let driver: FakeWechatDriver;
  let raw: RawClient;

  beforeAll(async () => {
    ({ fake, driver, raw } = await startFake({ codeTtlSeconds: 300 }));
  });
  afterAll(() => fake.close());
  beforeEach(() => driver.reset());

  it('exchanges a code for openid and session_key, without unionid unless issued with one', async () => {
    const plain = await raw.jscode2session(await driver.loginCode('o_alice'));
    expect(plain.status).toBe(200);
    expect(plain.json.openid).toBe('o_alice');
    expect(typeof plain.json.session_key).toBe('string');
    expect(plain.json).not.toHaveProperty('unionid');
    expect(plain.json).not.toHaveProperty('errcode');

    const withUnion = await raw.jscode2session(await driver.loginCode('o_bob', 'u_bob'));
    expect(withUnion.json).toMatchObject({ openid: 'o_bob', unionid: 'u_bob' });
  });

  it('answers 40029 invalid code for an unknown code, as HTTP 200 with a rid', async () => {
    const res = await raw.jscode2session('no-such-code');
    expect(res.status).toBe(200);
    expect(res.json.errcode).toBe(40029);
    expect(res.json.errmsg).toMatch(/^invalid code rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('lets a code be used once: the second use answers 40163 code been used', async () => {
    const code = await driver.loginCode('o_alice');
    expect((await raw.jscode2session(code)).json.openid).toBe('o_alice');
    const again = await raw.jscode2session(code);
    expect(again.json.errcode).toBe(40163);
    expect(again.json.errmsg).toContain('code been used');
  });

  it('expires codes after codeTtlSeconds: 40029 with "code expired" in errmsg', async () => {
    const fresh = await driver.loginCode('o_alice');
    const old = await driver.loginCode('o_alice');
    await driver.advanceClock(299);
    expect((await raw.jscode2session(fresh)).json.openid).toBe('o_alice');
    await driver.advanceClock(2);
    const res = await raw.jscode2session(old);
    expect(res.json.errcode).toBe(40029);
    expect(res.json.errmsg).toContain('code expired');
  });

  it('lets a code carry its own lifetime (ttlSeconds 0: expired at once)', async () => {
    const res = await raw.jscode2session(await driver.loginCode('o_alice', undefined, 0));
    expect(res.json.errcode).toBe(40029);
    expect(res.json.errmsg).toContain('code expired');
    const long = await driver.loginCode('o_alice', undefined, 3600);
    await driver.advanceClock(600);
    expect((await raw.jscode2session(long)).json.openid).toBe('o_alice');
  });

  it('checks appid (40013) and secret (40125) before the code', async () => {
    const code = await driver.loginCode('o_alice');
    expect((await raw.jscode2session(code, 'wx_other')).json.errcode).toBe(40013);
    expect((await raw.jscode2session(code, undefined, 'wrong')).json.errcode).toBe(40125);
    // The code was not consumed by the rejected calls.
    expect((await raw.jscode2session(code)).json.openid).toBe('o_alice');
  });

  it('blocks openids starting o_blocked with 40226', async () => {
    const res = await raw.jscode2session(await driver.loginCode('o_blocked_1'));
    expect(res.json.errcode).toBe(40226);
  });

  it('counts calls and errors in the stats', async () => {
    await raw.jscode2session(await driver.loginCode('o_alice'));
    await raw.jscode2session('bad');
    expect((await driver.stats()).endpoints.jscode2session).toEqual({ calls: 2, errors: 1 });
  });
});
