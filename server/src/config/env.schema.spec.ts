import { DEV_DEFAULTS, isFakeWechat, loadConfig } from './env.schema';

const prodSecrets = {
  NODE_ENV: 'production',
  WECHAT_APPID: 'wx1234567890',
  WECHAT_SECRET: 'real-secret-value',
  JWT_SECRET: 'a-long-production-jwt-secret',
  DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('loadConfig', () => {
  it('gives development defaults: SQLite under ./data, port 3000, the real WeChat host', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ type: 'sqlite', file: './data/sunboard.sqlite' });
    expect(c.wechat.apiBase).toBe('https://api.weixin.qq.com');
    expect(c.jwt.secret).toBe(DEV_DEFAULTS.JWT_SECRET);
    expect(c.adminOpenids).toEqual([]);
  });

  it('reads MySQL URLs, admin lists and numbers', () => {
    const c = loadConfig({ DATABASE_URL: 'mariadb://u:p@db:3306/sb', ADMIN_OPENIDS: 'o_a, o_b,,', PORT: '8080' });
    expect(c.database).toMatchObject({ type: 'mysql', url: 'mysql://u:p@db:3306/sb' });
    expect(c.adminOpenids).toEqual(['o_a', 'o_b']);
    expect(c.port).toBe(8080);
  });

  it('names every bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', WECHAT_API_BASE: 'not a url' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*WECHAT_API_BASE|PORT[\s\S]*WECHAT_API_BASE/,
    );
  });

  it('refuses to start in production on a missing or default secret, naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WECHAT_APPID is missing.*WECHAT_SECRET is missing.*JWT_SECRET is missing.*DATA_KEY is missing/);
    expect(() => loadConfig({ ...prodSecrets, JWT_SECRET: DEV_DEFAULTS.JWT_SECRET })).toThrow(/JWT_SECRET is the development default/);
    expect(loadConfig(prodSecrets).nodeEnv).toBe('production');
  });

  it('rejects a data key that is not 32 bytes', () => {
    expect(() => loadConfig({ DATA_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/DATA_KEY/);
  });

  it('treats only a loopback WeChat base outside production as the fake', () => {
    expect(isFakeWechat(loadConfig({ WECHAT_API_BASE: 'http://127.0.0.1:3001' }))).toBe(true);
    expect(isFakeWechat(loadConfig({ WECHAT_API_BASE: 'https://api.weixin.qq.com' }))).toBe(false);
    expect(isFakeWechat(loadConfig({ ...prodSecrets, WECHAT_API_BASE: 'http://127.0.0.1:3001' }))).toBe(false);
  });
});
