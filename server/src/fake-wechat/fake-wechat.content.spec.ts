import { inflateSync } from 'node:zlib';
import type { FakeWechat } from './fake-wechat';
import type { FakeWechatDriver } from './fake-wechat.driver';
import { type RawClient, startFake } from './spec-support';

/** Reads width, height and the inflated pixel data size of a PNG, checking its structure. */
function readPng(bytes: Buffer): { width: number; height: number; rawSize: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  const idat: Buffer[] = [];
  let off = 8;
  let last = '';
  while (off < bytes.length) {
    const len = bytes.readUInt32BE(off);
    last = bytes.toString('ascii', off + 4, off + 8);
    if (last === 'IDAT') idat.push(bytes.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  expect(last).toBe('IEND');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), rawSize: inflateSync(Buffer.concat(idat)).length };
}

describe('fake WeChat: msg_sec_check and getwxacodeunlimit', () => {
  let fake: FakeWechat;
  let driver: FakeWechatDriver;
  let raw: RawClient;
  let token: string;

  beforeAll(async () => {
    ({ fake, driver, raw } = await startFake());
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    await driver.reset();
    token = await raw.token();
  });

  const secCheck = async (over: Record<string, unknown> = {}) =>
    (await raw.post(`/wxa/msg_sec_check?access_token=${token}`, { content: '请问低保怎么申请？', version: 2, scene: 2, openid: 'o_alice', ...over }))
      .json;
  const wxacode = (body: Record<string, unknown>) => raw.post(`/wxa/getwxacodeunlimit?access_token=${token}`, body);

  it('passes ordinary text with label 100, and errcode 0 with a trace_id and detail', async () => {
    const res = await secCheck();
    expect(res).toMatchObject({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } });
    expect(typeof res.trace_id).toBe('string');
    expect(Array.isArray(res.detail)).toBe(true);
  });

  it('flags __RISKY__ as risky 20001 and __REVIEW__ as review 21000', async () => {
    expect((await secCheck({ content: 'a __RISKY__ b' })).result).toEqual({ suggest: 'risky', label: 20001 });
    expect((await secCheck({ content: '__REVIEW__' })).result).toEqual({ suggest: 'review', label: 21000 });
  });

  it('accepts 2500 characters and answers 47001 above that', async () => {
    expect((await secCheck({ content: '字'.repeat(2500) })).errcode).toBe(0);
    expect((await secCheck({ content: '字'.repeat(2501) })).errcode).toBe(47001);
  });

  it('requires openid (47001), a well-formed one (40003), version 2 and a scene 1–4', async () => {
    expect((await secCheck({ openid: undefined })).errcode).toBe(47001);
    expect((await secCheck({ openid: 'alice' })).errcode).toBe(40003);
    expect((await secCheck({ version: 1 })).errcode).toBe(47001);
    expect((await secCheck({ scene: 9 })).errcode).toBe(47001);
  });

  it('answers 61010 for openids starting o_stale', async () => {
    expect((await secCheck({ openid: 'o_stale_9' })).errcode).toBe(61010);
  });

  it('returns a real PNG as image/png whose size follows width', async () => {
    const res = await wxacode({ scene: 'n=42&r=7', page: 'pages/notice/detail', width: 300, env_version: 'release', check_path: true });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('image/png');
    expect(readPng(res.bytes)).toEqual({ width: 300, height: 300, rawSize: 301 * 300 });
    const dflt = await wxacode({ scene: 'x' });
    expect(readPng(dflt.bytes).width).toBe(430);
    const other = await wxacode({ scene: 'n=43&r=7', page: 'pages/notice/detail', width: 300 });
    expect(other.bytes.equals(res.bytes)).toBe(false);
  });

  it('answers JSON errors: 40169 for a bad scene, 41030 for a page with a leading /, 47001 for a width out of range', async () => {
    for (const scene of ['a'.repeat(33), 'has space', '中文', '', 42]) {
      const res = await wxacode({ scene });
      expect(res.contentType).toMatch(/^application\/json/);
      expect([scene, res.json.errcode]).toEqual([scene, 40169]);
    }
    expect((await wxacode({ scene: "!#$&'()*+,/:;=?@-._~aZ09" })).contentType).toBe('image/png');
    expect((await wxacode({ scene: 'x', page: '/pages/index/index' })).json.errcode).toBe(41030);
    expect((await wxacode({ scene: 'x', width: 279 })).json.errcode).toBe(47001);
    expect((await wxacode({ scene: 'x', width: 1281 })).json.errcode).toBe(47001);
    expect(readPng((await wxacode({ scene: 'x', width: 1280 })).bytes).width).toBe(1280);
    expect((await wxacode({ scene: 'x', env_version: 'beta' })).json.errcode).toBe(47001);
  });

  it('needs a valid token for both', async () => {
    expect((await raw.post('/wxa/getwxacodeunlimit?access_token=nope', { scene: 'x' })).json.errcode).toBe(40014);
    expect((await raw.post('/wxa/msg_sec_check', { content: 'x', version: 2, scene: 1, openid: 'o_a' })).json.errcode).toBe(40014);
  });
});
