import { loadConfig } from '../../../config/env.schema';
import { dispatcherSettings } from './dispatcher-settings';

describe('push dispatcher settings', () => {
  it('defaults: claims of 500, 128 in flight, 2000/s, 60 s leases, 6 attempts, 22:00-07:00', () => {
    const s = dispatcherSettings(loadConfig({}));
    expect(s).toMatchObject({
      enabled: true,
      claimSize: 500,
      concurrency: 128,
      ratePerSecond: 2000,
      leaseMs: 60_000,
      maxAttempts: 6,
      retryBaseMs: 5000,
      pollMs: 1000,
      quietHours: { startMinute: 1320, endMinute: 420 },
      sendTimeoutMs: 5000,
    });
  });

  it('reads every PUSH_* setting, thousands of sends in flight included', () => {
    const s = dispatcherSettings(
      loadConfig({
        PUSH_DISPATCHER: 'false',
        PUSH_CLAIM_SIZE: '200',
        PUSH_CONCURRENCY: '4000',
        PUSH_RATE_PER_SECOND: '0',
        PUSH_LEASE_SECONDS: '4',
        WECHAT_TIMEOUT_MS: '1000',
        PUSH_MAX_ATTEMPTS: '3',
        PUSH_RETRY_BASE_MS: '20',
        PUSH_RETRY_MAX_MS: '200',
        PUSH_QUIET_HOURS: '23:30-06:00',
      }),
    );
    expect(s).toMatchObject({ enabled: false, claimSize: 200, concurrency: 4000, ratePerSecond: 0, leaseMs: 4000, maxAttempts: 3, retryBaseMs: 20, retryMaxMs: 200 });
    expect(s.quietHours).toEqual({ startMinute: 23 * 60 + 30, endMinute: 360 });
  });

  it('turns quiet hours off when empty or off', () => {
    expect(loadConfig({ PUSH_QUIET_HOURS: '' }).dispatcher.quietHours).toBeNull();
    expect(loadConfig({ PUSH_QUIET_HOURS: 'off' }).dispatcher.quietHours).toBeNull();
  });

  it('names a bad setting', () => {
    expect(() => loadConfig({ PUSH_QUIET_HOURS: '10pm-7am' })).toThrow(/PUSH_QUIET_HOURS: expected HH:MM-HH:MM/);
    expect(() => loadConfig({ PUSH_CONCURRENCY: '0' })).toThrow(/PUSH_CONCURRENCY/);
    expect(() => loadConfig({ PUSH_LEASE_SECONDS: '5' })).toThrow(/PUSH_LEASE_SECONDS: must be at least 2 × WECHAT_TIMEOUT_MS \+ 2 s \(12 s/);
  });

  it('has a development push token, none in production unless set, and refuses the development one there', () => {
    expect(loadConfig({}).wechatPushToken).toBe('sunboard-dev-callback-token');
    const prod = { NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', JWT_SECRET: 'a-long-production-jwt-secret', DATA_KEY: Buffer.alloc(32, 7).toString('base64') };
    expect(loadConfig(prod).wechatPushToken).toBeNull();
    expect(loadConfig({ ...prod, WECHAT_PUSH_TOKEN: 'Tok3n' }).wechatPushToken).toBe('Tok3n');
    expect(() => loadConfig({ ...prod, WECHAT_PUSH_TOKEN: 'sunboard-dev-callback-token' })).toThrow(/WECHAT_PUSH_TOKEN is the development default/);
  });
});
