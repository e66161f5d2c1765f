import { WechatApiError, WechatTransportError } from '../../wechat/wechat.errors';
import { classifySendError, clip, wechatUnreachable } from './send-outcome';

const api = (code: number, msg = 'x rid: 1') => new WechatApiError(code, msg, 'subscribe_send');

describe('classifySendError', () => {
  it('43101 is refused, never retried', () => {
    expect(classifySendError(api(43101)).kind).toBe('refused');
  });

  it('47003 fails and names the field WeChat names', () => {
    const out = classifySendError(api(47003, 'argument invalid! data.thing1.value is invalid rid: 6f2a'));
    expect(out.kind).toBe('failed');
    expect(out.error).toMatch(/^47003 data\.thing1\.value invalid \(field thing1\)/);
  });

  it.each([-1, 45011, 45009, 40001, 40014, 42001])('errcode %i is retried', (code) => {
    expect(classifySendError(api(code)).kind).toBe('retry');
  });

  it.each([40003, 40037, 41030, 47001])('errcode %i fails for good', (code) => {
    const out = classifySendError(api(code));
    expect(out.kind).toBe('failed');
    expect(out.error.startsWith(String(code))).toBe(true);
  });

  it('timeouts, network errors and HTTP 5xx are retried', () => {
    expect(classifySendError(new WechatTransportError('timeout', 'subscribe_send', 'no answer within 5000 ms'))).toEqual({
      kind: 'retry',
      error: 'timeout: WeChat subscribe_send timeout: no answer within 5000 ms',
    });
    expect(classifySendError(new WechatTransportError('http', 'subscribe_send', 'HTTP 502', 502))).toEqual({ kind: 'retry', error: 'HTTP 502 from WeChat' });
    expect(classifySendError(new WechatTransportError('network', 'subscribe_send', 'ECONNRESET')).kind).toBe('retry');
    expect(classifySendError(new Error('boom')).kind).toBe('retry');
  });

  it('keeps last_error within 255 characters', () => {
    expect(classifySendError(api(40003, 'y'.repeat(1000))).error.length).toBe(255);
    expect(clip('abc', 255)).toBe('abc');
  });
});

describe('wechatUnreachable', () => {
  it('is true when WeChat gave no answer: refused or dropped connections, timeouts, 5xx', () => {
    expect(wechatUnreachable(new WechatTransportError('network', 'subscribe_send', 'connect ECONNREFUSED'))).toBe(true);
    expect(wechatUnreachable(new WechatTransportError('timeout', 'subscribe_send', 'no answer within 5000 ms'))).toBe(true);
    expect(wechatUnreachable(new WechatTransportError('http', 'subscribe_send', 'HTTP 502', 502))).toBe(true);
    expect(wechatUnreachable(new WechatTransportError('network', 'stable_token', 'fetch failed'))).toBe(true);
  });

  it('is false for any answer: errcodes (even -1), a 4xx, an unreadable body, other errors', () => {
    expect(wechatUnreachable(api(-1))).toBe(false);
    expect(wechatUnreachable(api(45011))).toBe(false);
    expect(wechatUnreachable(new WechatTransportError('http', 'subscribe_send', 'HTTP 404', 404))).toBe(false);
    expect(wechatUnreachable(new WechatTransportError('parse', 'subscribe_send', 'unreadable answer'))).toBe(false);
    expect(wechatUnreachable(new Error('boom'))).toBe(false);
  });
});
