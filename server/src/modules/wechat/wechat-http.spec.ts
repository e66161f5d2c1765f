import { parseWechatJson } from './wechat-http';
import { WechatApiError } from './wechat.errors';

describe('parseWechatJson', () => {
  it('keeps every digit of a msgid above 2^53', () => {
    const body = parseWechatJson('{"errcode":0,"errmsg":"ok","msgid":1988810812324364291}');
    expect(body.msgid).toBe('1988810812324364291');
    // What plain JSON.parse would have done:
    expect(String(JSON.parse('{"msgid":1988810812324364291}').msgid)).not.toBe('1988810812324364291');
  });

  it('accepts spacing around the colon and leaves other numbers alone', () => {
    expect(parseWechatJson('{ "msgid" :  9007199254740993, "errcode": 0 }')).toEqual({ msgid: '9007199254740993', errcode: 0 });
  });

  it('does not touch "msgid" inside a string value', () => {
    expect(parseWechatJson('{"errmsg":"x \\"msgid\\":1 y"}')).toEqual({ errmsg: 'x "msgid":1 y' });
  });

  it('refuses non-objects', () => {
    expect(() => parseWechatJson('[1]')).toThrow();
    expect(() => parseWechatJson('<html>')).toThrow();
  });
});

describe('WechatApiError.field', () => {
  it('reads the data key from a 47003 errmsg', () => {
    expect(new WechatApiError(47003, 'argument invalid! data.character_string2.value is invalid rid: 1-2-3', 'subscribe_send').field).toBe('character_string2');
    expect(new WechatApiError(43101, 'user refuse to accept the msg rid: 1-2-3', 'subscribe_send').field).toBeNull();
  });
});
