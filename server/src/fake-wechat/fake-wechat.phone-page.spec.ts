import type { FakeWechat } from './fake-wechat';
import type { FakeWechatDriver } from './fake-wechat.driver';
import { escapeHtml, renderPhonePage } from './phone-page';
import { type RawClient, startFake } from './spec-support';
import type { DeliveredMessage } from './state';

const TPL = 'TPL_notice_published';

describe('fake WeChat: the demo phone page', () => {
  let fake: FakeWechat;
  let driver: FakeWechatDriver;
  let raw: RawClient;

  beforeAll(async () => {
    ({ fake, driver, raw } = await startFake());
  });
  afterAll(() => fake.close());
  beforeEach(() => driver.reset());

  it('says nothing was delivered yet, in a Chinese page with a title', async () => {
    const res = await raw.get('/');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toMatch(/<html lang="zh-CN">/);
    expect(res.text).toMatch(/<title>[^<]+<\/title>/);
    expect(res.text).toContain('还没有任何消息送达');
  });

  it('lists openids and renders each delivered message as a card with its fields and page', async () => {
    await driver.grantCredits('o_alice', TPL, 2);
    await driver.grantCredits('o_bob', TPL);
    const token = await raw.token();
    const body = (touser: string, thing: string) => ({
      touser,
      template_id: TPL,
      page: 'pages/notice/detail?id=42',
      data: { thing1: { value: thing }, time2: { value: '2026年11月24日 15:01' } },
    });
    await raw.send(body('o_alice', '低保名单公示'), token);
    await raw.send(body('o_alice', '停水通知'), token);
    await raw.send(body('o_bob', '医保缴费提醒'), token);

    const home = await raw.get('/');
    expect(home.text).toContain('href="/phone?openid=o_alice"');
    expect(home.text).toContain('（2 条）');
    expect(home.text).toMatch(/<label for="openid">[^<]+<\/label>\s*<select id="openid" name="openid">/);

    const phone = await raw.get('/phone?openid=o_alice');
    expect(phone.text).toContain('o_alice 的服务通知（2 条）');
    expect(phone.text).toContain('低保名单公示');
    expect(phone.text).toContain('停水通知');
    expect(phone.text).not.toContain('医保缴费提醒');
    expect(phone.text).toContain('<dt>事项<small>thing1</small></dt><dd>低保名单公示</dd>');
    expect(phone.text).toContain('pages/notice/detail?id=42');
    expect(phone.text).toContain('模板 TPL_notice_published');
    expect(phone.text).toContain('1988810812324364291');
    // Newest first.
    expect(phone.text.indexOf('停水通知')).toBeLessThan(phone.text.indexOf('低保名单公示'));
  });

  it('escapes delivered values and pages so injected HTML is inert', async () => {
    await driver.grantCredits('o_alice', TPL);
    const token = await raw.token();
    await raw.send(
      { touser: 'o_alice', template_id: TPL, page: 'pages/x?a="><script>alert(1)</script>', data: { thing1: { value: '<script>x()</script>' } } },
      token,
    );
    const phone = await raw.get('/phone?openid=o_alice');
    expect(phone.text).not.toMatch(/<script/i);
    expect(phone.text).toContain('&#60;script&#62;x()&#60;/script&#62;');
    expect(phone.text).toContain('pages/x?a=&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('escapes a hostile openid in the query and says it has no messages', async () => {
    const res = await raw.get(`/phone?openid=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(res.text).not.toContain('<img');
    expect(res.text).toContain('该用户还没有收到消息');
    expect(res.text).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('escapes every field of a rendered message', () => {
    const evil = '"\'<b>&`';
    const m: DeliveredMessage = {
      openid: evil,
      templateId: evil,
      page: evil,
      data: { [evil]: { value: evil } },
      miniprogramState: null,
      lang: null,
      msgid: evil,
      at: new Date(0).toISOString(),
    };
    const html = renderPhonePage([m], evil);
    expect(html).not.toContain('<b>');
    expect(html).not.toContain(`"'`);
    expect(escapeHtml(evil)).toBe('&#34;&#39;&#60;b&#62;&#38;&#96;');
  });
});
