import type { FakeWechat } from './fake-wechat';
import type { FakeWechatDriver } from './fake-wechat.driver';
import { APPID, type RawClient, SECRET, startFake } from './spec-support';

describe('fake WeChat: access tokens', () => {
  let fake: FakeWechat;
  let driver: FakeWechatDriver;
  let raw: RawClient;

  beforeAll(async () => {
    ({ fake, driver, raw } = await startFake({ tokenTtlSeconds: 7200 }));
  });
  afterAll(() => fake.close());
  beforeEach(() => driver.reset());

  /** Any access_token endpoint works as a probe; msg_sec_check is the cheapest. */
  const probe = async (token: string | null) => {
    const q = token === null ? '' : `?access_token=${encodeURIComponent(token)}`;
    return (await raw.post(`/wxa/msg_sec_check${q}`, { content: 'hi', version: 2, scene: 2, openid: 'o_alice' })).json;
  };
  const classic = async () =>
    (await raw.get(`/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`)).json as { access_token: string; expires_in: number };

  it('stable_token returns the same token while valid, with the remaining expires_in', async () => {
    const first = (await raw.stableToken()).json;
    expect(first.expires_in).toBe(7200);
    await driver.advanceClock(1000);
    const second = (await raw.stableToken()).json;
    expect(second.access_token).toBe(first.access_token);
    // Real milliseconds pass too, and expires_in is rounded down.
    expect([6199, 6200]).toContain(second.expires_in);
    expect((await probe(first.access_token as string)).errcode).toBe(0);
    expect((await driver.stats()).tokensIssued).toBe(1);
  });

  it('issues a new stable token when the current one has under 300 s left; the old one lives until it expires', async () => {
    const first = (await raw.stableToken()).json.access_token as string;
    await driver.advanceClock(7200 - 299);
    const next = (await raw.stableToken()).json;
    expect(next.access_token).not.toBe(first);
    expect(next.expires_in).toBeGreaterThanOrEqual(300);
    expect((await probe(first)).errcode).toBe(0);
    await driver.advanceClock(300);
    expect((await probe(first)).errcode).toBe(42001);
    expect((await probe(next.access_token as string)).errcode).toBe(0);
  });

  it('force_refresh issues a new token and the previous one fails with 40001 at once', async () => {
    const first = (await raw.stableToken()).json.access_token as string;
    const forced = (await raw.stableToken(true)).json.access_token as string;
    expect(forced).not.toBe(first);
    expect((await probe(first)).errcode).toBe(40001);
    expect((await probe(forced)).errcode).toBe(0);
    expect((await raw.stableToken()).json.access_token).toBe(forced);
  });

  it('limits force_refresh to one per 30 s (45011) and 20 per day (45009)', async () => {
    expect((await raw.stableToken(true)).json.access_token).toBeDefined();
    expect((await raw.stableToken(true)).json.errcode).toBe(45011);
    for (let i = 1; i < 20; i++) {
      await driver.advanceClock(31);
      expect((await raw.stableToken(true)).json.access_token).toBeDefined();
    }
    await driver.advanceClock(31);
    expect((await raw.stableToken(true)).json.errcode).toBe(45009);
    await driver.advanceClock(24 * 3600);
    expect((await raw.stableToken(true)).json.access_token).toBeDefined();
  });

  it('checks appid, secret and grant_type on stable_token', async () => {
    const post = (b: object) => raw.post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APPID, secret: SECRET, ...b });
    expect((await post({ appid: 'wx_other' })).json.errcode).toBe(40013);
    expect((await post({ secret: 'nope' })).json.errcode).toBe(40125);
    expect((await post({ grant_type: 'password' })).json.errcode).toBe(40002);
    expect((await raw.post('/cgi-bin/stable_token', 'not json')).json.errcode).toBe(47001);
  });

  it('answers 40014 for a missing or unknown token and 42001 for an expired one', async () => {
    expect((await probe(null)).errcode).toBe(40014);
    expect((await probe('made-up')).errcode).toBe(40014);
    const token = await raw.token();
    await driver.expireToken();
    const expired = await probe(token);
    expect(expired.errcode).toBe(42001);
    expect(expired.errmsg).toMatch(/access_token expired rid: /);
    // After expiry stable_token hands out a new one.
    expect(await raw.token()).not.toBe(token);
  });

  it('cgi-bin/token: each call supersedes the previous token, which keeps working for 5 minutes then answers 40001', async () => {
    const a = await classic();
    expect(a.expires_in).toBe(7200);
    const b = await classic();
    expect(b.access_token).not.toBe(a.access_token);
    expect((await probe(a.access_token)).errcode).toBe(0);
    await driver.advanceClock(299);
    expect((await probe(a.access_token)).errcode).toBe(0);
    await driver.advanceClock(2);
    expect((await probe(a.access_token)).errcode).toBe(40001);
    expect((await probe(b.access_token)).errcode).toBe(0);
  });

  it('keeps stable and classic tokens independent', async () => {
    const stable = await raw.token();
    await classic();
    await classic();
    await driver.advanceClock(400);
    expect((await probe(stable)).errcode).toBe(0);
    expect((await raw.get(`/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=bad`)).json.errcode).toBe(40125);
  });
});
