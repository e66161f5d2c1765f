import { callbackSignature } from '../../../fake-wechat/callback';
import { checkWechatSignature, wechatSignature } from './wechat-signature';

describe('WeChat message-push signature', () => {
  it('is sha1 of the sorted token, timestamp and nonce — as the fake (and WeChat) computes it', () => {
    // sorted: ['1700000000', 'abc', 'tok'] → sha1('1700000000abctok')
    expect(wechatSignature('tok', '1700000000', 'abc')).toBe('94cf9598733743e189a0e21e9ce5c9456591a0ff');
    expect(wechatSignature('tok', '1700000000', 'abc')).toBe(callbackSignature('tok', '1700000000', 'abc'));
    expect(wechatSignature('tok', '1700000000', 'abc')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('accepts the right signature, in either case', () => {
    const signature = wechatSignature('tok', '1700000000', 'n0nce');
    expect(checkWechatSignature('tok', { signature, timestamp: '1700000000', nonce: 'n0nce' })).toBe('ok');
    expect(checkWechatSignature('tok', { signature: signature.toUpperCase(), timestamp: '1700000000', nonce: 'n0nce' })).toBe('ok');
  });

  it('refuses a wrong token, a changed timestamp or nonce, or a truncated signature', () => {
    const signature = wechatSignature('tok', '1700000000', 'n0nce');
    expect(checkWechatSignature('other', { signature, timestamp: '1700000000', nonce: 'n0nce' })).toBe('mismatch');
    expect(checkWechatSignature('tok', { signature, timestamp: '1700000001', nonce: 'n0nce' })).toBe('mismatch');
    expect(checkWechatSignature('tok', { signature, timestamp: '1700000000', nonce: 'n0ncf' })).toBe('mismatch');
    expect(checkWechatSignature('tok', { signature: signature.slice(0, 39), timestamp: '1700000000', nonce: 'n0nce' })).toBe('mismatch');
  });

  it('says missing when a parameter is absent, empty or repeated', () => {
    expect(checkWechatSignature('tok', {})).toBe('missing');
    expect(checkWechatSignature('tok', { signature: 'x', timestamp: '1', nonce: '' })).toBe('missing');
    expect(checkWechatSignature('tok', { signature: ['a', 'b'], timestamp: '1', nonce: 'n' })).toBe('missing');
  });
});
