import { demoGrants, fakeWechatBase, simulatedAcceptAll } from './demo-subscribe';

describe('fakeWechatBase', () => {
  it('takes the origin of the dev-login code URL', () => {
    expect(fakeWechatBase('http://127.0.0.1:4010/__test/login-code')).toBe('http://127.0.0.1:4010');
    expect(fakeWechatBase('https://fake.example:8443/__test/login-code?x=1')).toBe('https://fake.example:8443');
  });
  it('has none without a dev login', () => {
    expect(fakeWechatBase(null)).toBeNull();
    expect(fakeWechatBase('')).toBeNull();
    expect(fakeWechatBase('/relative/path')).toBeNull();
  });
});

describe('demoGrants', () => {
  it('grants a one-time credit or the long-term grant per template, once each', () => {
    const grants = demoGrants('http://f:1', 'o_demo_resident_li', [
      { templateId: 'T1', longTerm: false },
      { templateId: 'T1', longTerm: false },
      { templateId: 'T2', longTerm: true },
    ]);
    expect(grants).toEqual([
      { url: 'http://f:1/__test/credits', body: { openid: 'o_demo_resident_li', templateId: 'T1' } },
      { url: 'http://f:1/__test/long-term-grant', body: { openid: 'o_demo_resident_li', templateId: 'T2' } },
    ]);
  });
});

describe('simulatedAcceptAll', () => {
  it('answers accept for every id', () => {
    expect(simulatedAcceptAll(['A', 'B'])).toEqual({ A: 'accept', B: 'accept' });
  });
});
