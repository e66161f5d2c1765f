import { makeRegionTree, type RegionTree } from './factories/regions';
import { grantRole, makeUser } from './factories/users';
import { startTestApp, type TestApp } from './support/test-app';

describe('WeChat login, /api/me and roles', () => {
  let t: TestApp;
  let tree: RegionTree;

  beforeAll(async () => {
    t = await startTestApp({ env: { ADMIN_OPENIDS: 'o_boss_1, o_boss_2' } });
    tree = await makeRegionTree(t.db);
  });
  afterAll(() => t?.close());

  const fake = (path: string, body: unknown) =>
    fetch(`${t.fakeWechatUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('logs a new resident in, then finds the same user on the next login', async () => {
    const first = await t.request('POST', '/api/auth/wechat', { body: { code: await t.loginCode('o_resident_a') } });
    expect(first.status).toBe(200);
    expect(first.body.isNewUser).toBe(true);
    expect(typeof first.body.token).toBe('string');
    expect(first.body.user).toMatchObject({ homeRegion: null, elderMode: false, staffRoles: [] });
    expect(JSON.stringify(first.body)).not.toMatch(/session_?key/i);

    const second = await t.request('POST', '/api/auth/wechat', { body: { code: await t.loginCode('o_resident_a') } });
    expect(second.body.isNewUser).toBe(false);
    expect(second.body.user.id).toBe(first.body.user.id);

    const me = await t.request('GET', '/api/me', { token: second.body.token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(first.body.user.id);
  });

  it('answers an invalid, a reused and an expired code with 401 and a code saying which', async () => {
    const bad = await t.request('POST', '/api/auth/wechat', { body: { code: 'no-such-code' } });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('LOGIN_CODE_INVALID');
    expect(bad.body.requestId).toEqual(expect.any(String));

    const code = await t.loginCode('o_resident_reuse');
    expect((await t.request('POST', '/api/auth/wechat', { body: { code } })).status).toBe(200);
    const reused = await t.request('POST', '/api/auth/wechat', { body: { code } });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('LOGIN_CODE_USED');

    const expiring = await (await fake('/__test/login-code', { openid: 'o_resident_late', ttlSeconds: 0 })).json();
    await new Promise((r) => setTimeout(r, 20));
    const expired = await t.request('POST', '/api/auth/wechat', { body: { code: (expiring as { code: string }).code } });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('LOGIN_CODE_EXPIRED');
  });

  it('rejects a malformed login body with 400 naming the field, and creates nobody', async () => {
    const before = await t.db.query('SELECT COUNT(*) AS n FROM app_user');
    for (const body of [{}, { code: '' }, { code: 42 }, { code: 'x'.repeat(500) }]) {
      const res = await t.request('POST', '/api/auth/wechat', { body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'code' })]));
    }
    const after = await t.db.query('SELECT COUNT(*) AS n FROM app_user');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it('makes an ADMIN_OPENIDS openid a district admin on first login', async () => {
    const { user } = await t.login('o_boss_1');
    expect(user.staffRoles).toEqual([expect.objectContaining({ role: 'admin', region: expect.objectContaining({ id: tree.district.id }) })]);
    const { user: plain } = await t.login('o_not_boss');
    expect(plain.staffRoles).toEqual([]);
  });

  it('lets a resident set home community, name and elder mode, and refuses bad values', async () => {
    const { token } = await t.login('o_resident_me');
    const ok = await t.request('PATCH', '/api/me', { token, body: { homeRegionId: tree.communityA1.id, displayName: '张阿姨', elderMode: true } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ displayName: '张阿姨', elderMode: true });
    expect(ok.body.homeRegion).toMatchObject({ id: tree.communityA1.id, fullName: '湛河区 / 马庄街道 / 光明社区' });

    const street = await t.request('PATCH', '/api/me', { token, body: { homeRegionId: tree.streetA.id } });
    expect(street.status).toBe(400);
    expect(street.body.details[0].path).toBe('homeRegionId');

    const unknown = await t.request('PATCH', '/api/me', { token, body: { homeRegionId: 999999 } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('REGION_NOT_FOUND');

    const bad = await t.request('PATCH', '/api/me', { token, body: { elderMode: 'yes', displayName: '', extra: 1 } });
    expect(bad.status).toBe(400);
    const paths = bad.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['elderMode', 'displayName']));

    const me = await t.request('GET', '/api/me', { token });
    expect(me.body).toMatchObject({ displayName: '张阿姨', elderMode: true });
  });

  it('needs a valid token for /api/me', async () => {
    expect((await t.request('GET', '/api/me')).status).toBe(401);
    const forged = await t.request('GET', '/api/me', { token: 'not.a.jwt' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('UNAUTHENTICATED');
  });

  it('shows staff grants with their regions', async () => {
    const worker = await makeUser(t.db, { openid: 'o_grid_worker_x' });
    await grantRole(t.db, worker.id, 'grid_worker', tree.communityA1.id);
    const { user } = await t.login('o_grid_worker_x');
    expect(user.staffRoles).toEqual([expect.objectContaining({ role: 'grid_worker', region: expect.objectContaining({ name: '光明社区' }) })]);
  });

  it('maps a WeChat outage at login to 502 WECHAT_UNAVAILABLE', async () => {
    await fake('/__test/faults', { endpoint: 'jscode2session', errors: ['http500', 'http500', 'http500', 'http500'] });
    const res = await t.request('POST', '/api/auth/wechat', { body: { code: 'whatever' } });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
    await fake('/__test/faults', { endpoint: 'jscode2session', errors: [] });
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t?.close());

  it('answers 429 RATE_LIMITED past the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.request('POST', '/api/auth/wechat', { body: { code: `c${i}` } })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    const limited = await t.request('POST', '/api/auth/wechat', { body: { code: 'c9' } });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });
});
