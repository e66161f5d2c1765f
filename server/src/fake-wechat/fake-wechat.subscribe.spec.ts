import type { FakeWechat } from './fake-wechat';
import type { FakeWechatDriver } from './fake-wechat.driver';
import { type RawClient, startFake } from './spec-support';

const TPL = 'TPL_notice_published';
const LONG = 'TPL_long_term_reminder';

describe('fake WeChat: subscribeMessage.send', () => {
  let fake: FakeWechat;
  let driver: FakeWechatDriver;
  let raw: RawClient;
  let token: string;

  beforeAll(async () => {
    ({ fake, driver, raw } = await startFake({ longTermTemplateIds: [LONG] }));
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    await driver.reset();
    token = await raw.token();
  });

  const message = (over: Record<string, unknown> = {}) => ({
    touser: 'o_alice',
    template_id: TPL,
    page: 'pages/notice/detail?id=42',
    data: { thing1: { value: '低保名单公示' }, time2: { value: '2026年11月24日 15:01' } },
    miniprogram_state: 'formal',
    lang: 'zh_CN',
    ...over,
  });
  const send = async (over: Record<string, unknown> = {}) => (await raw.send(message(over), token)).json;

  it('answers 43101 without a credit, and each credit allows exactly one send', async () => {
    expect((await send()).errcode).toBe(43101);
    await driver.grantCredits('o_alice', TPL, 2);
    expect((await send()).errcode).toBe(0);
    expect((await send()).errcode).toBe(0);
    const third = await send();
    expect(third.errcode).toBe(43101);
    expect(third.errmsg).toMatch(/ rid: /);
    expect((await driver.credits('o_alice', TPL)).credits).toBe(0);
  });

  it('keeps credits per (openid, template) and revokes them', async () => {
    await driver.grantCredits('o_alice', TPL);
    expect((await send({ touser: 'o_bob' })).errcode).toBe(43101);
    expect((await send({ template_id: 'TPL_other_template' })).errcode).toBe(43101);
    await driver.revokeCredits('o_alice', TPL);
    expect((await send()).errcode).toBe(43101);
  });

  it('long-term templates need one grant, then allow any number of sends', async () => {
    expect((await send({ template_id: LONG })).errcode).toBe(43101);
    await driver.grantLongTerm('o_alice', LONG);
    for (let i = 0; i < 5; i++) expect((await send({ template_id: LONG })).errcode).toBe(0);
    const marked = 'TPL_marked_later';
    await driver.markLongTerm(marked);
    await driver.grantCredits('o_alice', marked, 1);
    expect((await send({ template_id: marked })).errcode).toBe(43101);
  });

  it('returns msgid above 2^53 with exact digits, counting up, and records each message', async () => {
    await driver.grantCredits('o_alice', TPL, 2);
    const first = await raw.send(message(), token);
    const second = await raw.send(message(), token);
    expect(first.text).toBe('{"errcode":0,"errmsg":"ok","msgid":1988810812324364291}');
    expect(second.text).toBe('{"errcode":0,"errmsg":"ok","msgid":1988810812324364292}');
    expect(BigInt(/"msgid":(\d+)/.exec(first.text)![1])).toBeGreaterThan(2n ** 53n);
    const messages = await driver.messages('o_alice');
    expect(messages.map((m) => m.msgid)).toEqual(['1988810812324364291', '1988810812324364292']);
    expect(messages[0]).toMatchObject({
      openid: 'o_alice',
      templateId: TPL,
      page: 'pages/notice/detail?id=42',
      data: { thing1: { value: '低保名单公示' } },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    });
    expect(await driver.messages('o_bob')).toEqual([]);
    await driver.clearMessages();
    expect(await driver.messages()).toEqual([]);
  });

  it('magic openids: o_refuse… always 43101, o_busy… always -1', async () => {
    await driver.grantCredits('o_refuse_1', TPL);
    await driver.grantCredits('o_busy_1', TPL);
    expect((await send({ touser: 'o_refuse_1' })).errcode).toBe(43101);
    expect((await send({ touser: 'o_busy_1' })).errcode).toBe(-1);
    expect((await send({ touser: 'o_busy_1' })).errcode).toBe(-1);
  });

  it('answers 40003 for an openid that does not start with o, and 40037 for a malformed template id', async () => {
    expect((await send({ touser: 'alice' })).errcode).toBe(40003);
    expect((await send({ template_id: 'bad id!' })).errcode).toBe(40037);
    expect((await send({ template_id: 'abc' })).errcode).toBe(40037);
  });

  it('answers 47001 for a malformed body', async () => {
    for (const bad of [
      'not json',
      '[]',
      message({ touser: 42 }),
      message({ data: 'x' }),
      message({ data: {} }),
      message({ data: { thing1: 'no value wrapper' } }),
      message({ miniprogram_state: 'prod' }),
      message({ lang: 'fr' }),
      message({ page: 7 }),
    ]) {
      expect([bad, (await raw.send(bad, token)).json.errcode]).toEqual([bad, 47001]);
    }
  });

  it('answers 47003 naming the field, and a rejected send does not spend the credit', async () => {
    await driver.grantCredits('o_alice', TPL);
    const res = await send({ data: { thing1: { value: '这是一个超过二十个字的事项名称，发不出去的' } } });
    expect(res.errcode).toBe(47003);
    expect(res.errmsg).toMatch(/^argument invalid! data\.thing1\.value is invalid rid: /);
    const unknownKey = await send({ data: { title1: { value: 'x' } } });
    expect(unknownKey.errmsg).toContain('data.title1.value');
    expect((await driver.credits('o_alice', TPL)).credits).toBe(1);
    expect((await send()).errcode).toBe(0);
  });

  it.each([
    ['thing1', 'a'.repeat(21)],
    ['number2', '12a'],
    ['letter3', 'abc1'],
    ['symbol4', 'abcdef'],
    ['character_string5', '编号'],
    ['time6', '25:00'],
    ['date7', '明天'],
    ['amount8', '100'],
    ['phone_number9', '138 0013 8000'],
    ['car_number10', '粤A12…'],
    ['name11', '张三1'],
    ['phrase12', '已经审核通过了'],
    ['thing13', ''],
  ])('rejects %s = %j with 47003 naming it', async (key, value) => {
    await driver.grantCredits('o_alice', TPL);
    const res = await send({ data: { thing1: { value: 'ok' }, [key]: { value } } });
    expect(res.errcode).toBe(47003);
    expect(res.errmsg).toContain(`data.${key}.value`);
  });

  it('needs a valid token', async () => {
    await driver.grantCredits('o_alice', TPL);
    expect((await raw.send(message(), 'bogus')).json.errcode).toBe(40014);
    await driver.expireToken();
    expect((await raw.send(message(), token)).json.errcode).toBe(42001);
  });
});
