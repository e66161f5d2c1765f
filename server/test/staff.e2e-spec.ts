import { createHash } from 'node:crypto';
import { IsNull } from 'typeorm';
import { StaffInvite } from '../src/modules/staff/staff-invite.entity';
import { StaffRoleGrant } from '../src/modules/users/staff-role.entity';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { grantRole } from './factories/users';
import { startTestApp, type TestApp } from './support/test-app';

describe('staff: invites, claims, the staff register', () => {
  let t: TestApp;
  let tree: RegionTree;
  let admin: { token: string; id: number };
  let adminA: { token: string; id: number };
  let adminB: { token: string; id: number };
  let resident: { token: string; id: number };

  const login = async (openid: string) => {
    const { token, user } = await t.login(openid);
    return { token, id: user.id };
  };
  const invite = async (token: string, role: string, regionId: number) => {
    const res = await t.request('POST', '/api/staff/invites', { token, body: { role, regionId } });
    expect(res.status).toBe(201);
    return res.body as { id: number; code: string };
  };
  const claim = (token: string, code: string) => t.request('POST', '/api/staff/claim', { token, body: { code } });

  beforeAll(async () => {
    t = await startTestApp();
    tree = await makeRegionTree(t.db);
    admin = await login('o_staff_admin_district');
    await grantRole(t.db, admin.id, 'admin', tree.district.id);
    adminA = await login('o_staff_admin_a');
    await grantRole(t.db, adminA.id, 'admin', tree.streetA.id);
    adminB = await login('o_staff_admin_b');
    await grantRole(t.db, adminB.id, 'admin', tree.streetB.id);
    resident = await login('o_staff_resident');
  });
  afterAll(() => t?.close());

  it('invite → claim → /api/me shows the role → the register lists it → revoke → gone', async () => {
    const created = await t.request('POST', '/api/staff/invites', { token: adminA.token, body: { role: 'grid_worker', regionId: tree.communityA1.id } });
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
    expect(created.body).toMatchObject({
      role: 'grid_worker',
      region: { id: tree.communityA1.id, fullName: '湛河区 / 马庄街道 / 光明社区' },
      claimedAt: null,
      revokedAt: null,
    });
    const ttl = Date.parse(created.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(7 * 24 * 3600 * 1000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);

    // Only the hash is stored.
    const stored = await t.db.getRepository(StaffInvite).findOneByOrFail({ id: created.body.id });
    expect(stored.codeHash).toBe(createHash('sha256').update(created.body.code).digest('hex'));
    expect(JSON.stringify(await t.db.query('SELECT * FROM staff_invite'))).not.toContain(created.body.code);

    const listed = await t.request('GET', '/api/staff/invites', { token: adminA.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ id: created.body.id, role: 'grid_worker' });
    expect(listed.body.items[0].code).toBeUndefined();

    const worker = await login('o_staff_worker_1');
    const typed = ` ${created.body.code.slice(0, 5).toLowerCase()} ${created.body.code.slice(5)} `;
    const claimed = await claim(worker.token, typed);
    expect(claimed.status).toBe(200);
    expect(claimed.body.staffRoles).toEqual([expect.objectContaining({ role: 'grid_worker', region: expect.objectContaining({ id: tree.communityA1.id }) })]);

    const me = await t.request('GET', '/api/me', { token: worker.token });
    expect(me.body.staffRoles).toEqual([expect.objectContaining({ role: 'grid_worker' })]);
    const grant = await t.db.getRepository(StaffRoleGrant).findOneByOrFail({ userId: worker.id, revokedAt: IsNull() });
    expect(grant).toMatchObject({ role: 'grid_worker', regionId: tree.communityA1.id, grantedBy: adminA.id });

    const register = await t.request('GET', '/api/staff', { token: adminA.token, query: { regionId: tree.streetA.id } });
    expect(register.status).toBe(200);
    expect(register.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: grant.id, userId: worker.id, displayName: '居民', role: 'grid_worker', region: expect.objectContaining({ id: tree.communityA1.id }) }),
      ]),
    );
    const all = await t.request('GET', '/api/staff', { token: adminA.token });
    expect(all.body.items.map((m: { userId: number }) => m.userId).sort()).toEqual([adminA.id, worker.id].sort());

    const claimedInvite = await t.request('GET', '/api/staff/invites', { token: adminA.token });
    expect(claimedInvite.body.items[0].claimedAt).toEqual(expect.any(String));

    const revoked = await t.request('DELETE', `/api/staff/${grant.id}`, { token: adminA.token });
    expect(revoked.status).toBe(204);
    expect((await t.request('GET', '/api/me', { token: worker.token })).body.staffRoles).toEqual([]);
    const after = await t.request('GET', '/api/staff', { token: adminA.token });
    expect(after.body.items.map((m: { userId: number }) => m.userId)).not.toContain(worker.id);
    // The worker's token no longer opens staff routes that need the role.
    expect((await t.request('GET', '/api/staff', { token: worker.token })).status).toBe(403);
  });

  it('answers an unknown code with INVITE_INVALID, a reused one with INVITE_USED, an expired one with INVITE_EXPIRED, a revoked one with INVITE_INVALID', async () => {
    const user1 = await login('o_staff_claimer_1');
    const user2 = await login('o_staff_claimer_2');

    const unknown = await claim(user1.token, 'ZZZZ-ZZZZ-ZZ');
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('INVITE_INVALID');

    const once = await invite(adminA.token, 'reviewer', tree.streetA.id);
    expect((await claim(user1.token, once.code)).status).toBe(200);
    const reused = await claim(user2.token, once.code);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('INVITE_USED');

    const late = await invite(adminA.token, 'grid_worker', tree.communityA2.id);
    await t.db.getRepository(StaffInvite).update({ id: late.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await claim(user2.token, late.code);
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe('INVITE_EXPIRED');

    const withdrawn = await invite(adminA.token, 'grid_worker', tree.communityA2.id);
    expect((await t.request('DELETE', `/api/staff/invites/${withdrawn.id}`, { token: adminA.token })).status).toBe(204);
    expect((await t.request('DELETE', `/api/staff/invites/${withdrawn.id}`, { token: adminA.token })).status).toBe(204);
    const revoked = await claim(user2.token, withdrawn.code);
    expect(revoked.status).toBe(400);
    expect(revoked.body.code).toBe('INVITE_INVALID');

    // A claimed invite cannot be revoked (the grant is revoked instead).
    const claimedRevoke = await t.request('DELETE', `/api/staff/invites/${once.id}`, { token: adminA.token });
    expect(claimedRevoke.status).toBe(409);
    expect(claimedRevoke.body.code).toBe('INVITE_USED');

    expect(await t.db.getRepository(StaffRoleGrant).countBy({ userId: user2.id })).toBe(0);

    const malformed = await t.request('POST', '/api/staff/claim', { token: user2.token, body: { code: 12 } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details).toEqual([expect.objectContaining({ path: 'code' })]);
    const anonymous = await t.request('POST', '/api/staff/claim', { body: { code: 'ABCDEFGH' } });
    expect(anonymous.status).toBe(401);
  });

  it('lets exactly one of several users racing for one code win', async () => {
    const racers = await Promise.all([1, 2, 3, 4, 5].map((i) => login(`o_staff_racer_${i}`)));
    const contested = await invite(admin.token, 'reviewer', tree.streetB.id);
    const results = await Promise.all(racers.map((r) => claim(r.token, contested.code)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('INVITE_USED');
    const grants = await t.db.getRepository(StaffRoleGrant).findBy({ regionId: tree.streetB.id, role: 'reviewer' });
    expect(grants).toHaveLength(1);
    const winner = racers[results.findIndex((r) => r.status === 200)];
    expect(grants[0].userId).toBe(winner.id);
    const stored = await t.db.getRepository(StaffInvite).findOneByOrFail({ id: contested.id });
    expect(stored.claimedBy).toBe(winner.id);
  });

  it('keeps each admin inside their own street (403 OUT_OF_SCOPE)', async () => {
    const outside = await t.request('POST', '/api/staff/invites', { token: adminA.token, body: { role: 'grid_worker', regionId: tree.communityB1.id } });
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('OUT_OF_SCOPE');

    const fromA = await invite(adminA.token, 'grid_worker', tree.communityA2.id);
    const listB = await t.request('GET', '/api/staff/invites', { token: adminB.token });
    expect(listB.body.items.map((i: { id: number }) => i.id)).not.toContain(fromA.id);
    const listDistrict = await t.request('GET', '/api/staff/invites', { token: admin.token });
    expect(listDistrict.body.items.map((i: { id: number }) => i.id)).toContain(fromA.id);
    const revokeByB = await t.request('DELETE', `/api/staff/invites/${fromA.id}`, { token: adminB.token });
    expect(revokeByB.status).toBe(403);
    expect(revokeByB.body.code).toBe('OUT_OF_SCOPE');

    const registerB = await t.request('GET', '/api/staff', { token: adminA.token, query: { regionId: tree.streetB.id } });
    expect(registerB.status).toBe(403);
    expect(registerB.body.code).toBe('OUT_OF_SCOPE');
    const bGrant = await t.db.getRepository(StaffRoleGrant).findOneByOrFail({ userId: adminB.id });
    const revokeB = await t.request('DELETE', `/api/staff/${bGrant.id}`, { token: adminA.token });
    expect(revokeB.status).toBe(403);
    expect(revokeB.body.code).toBe('OUT_OF_SCOPE');
    expect((await t.db.getRepository(StaffRoleGrant).findOneByOrFail({ id: bGrant.id })).revokedAt).toBeNull();
  });

  it('answers a resident with 403 on every admin route', async () => {
    const calls: Array<[string, string, unknown?]> = [
      ['POST', '/api/staff/invites', { role: 'grid_worker', regionId: tree.communityA1.id }],
      ['GET', '/api/staff/invites'],
      ['DELETE', '/api/staff/invites/1'],
      ['GET', '/api/staff'],
      ['DELETE', '/api/staff/1'],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(method, url, { token: resident.token, body });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });

  it('checks invite bodies and ids: 400 naming each bad field, 404 for an unknown region, invite or grant', async () => {
    const bad = await t.request('POST', '/api/staff/invites', { token: admin.token, body: { role: 'boss', regionId: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['regionId', 'role']);
    const noRegion = await t.request('POST', '/api/staff/invites', { token: admin.token, body: { role: 'admin', regionId: 999999 } });
    expect(noRegion.status).toBe(404);
    expect(noRegion.body).toMatchObject({ code: 'REGION_NOT_FOUND', details: [expect.objectContaining({ path: 'regionId' })] });
    expect((await t.request('DELETE', '/api/staff/invites/999999', { token: admin.token })).status).toBe(404);
    expect((await t.request('DELETE', '/api/staff/999999', { token: admin.token })).status).toBe(404);
    expect((await t.request('DELETE', '/api/staff/abc', { token: admin.token })).status).toBe(400);
    expect((await t.request('GET', '/api/staff', { token: admin.token, query: { regionId: 999999 } })).status).toBe(404);
    expect((await t.request('GET', '/api/staff/invites', { token: admin.token, query: { cursor: 'nonsense' } })).status).toBe(400);
  });

  it('pages the invite list newest first', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await invite(admin.token, 'grid_worker', tree.village.id)).id);
    const first = await t.request('GET', '/api/staff/invites', { token: admin.token, query: { limit: 2 } });
    expect(first.body.items.map((i: { id: number }) => i.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.request('GET', '/api/staff/invites', { token: admin.token, query: { limit: 2, cursor: first.body.nextCursor } });
    expect(second.body.items[0].id).toBe(ids[0]);
  });

  it('refuses to let an admin revoke their own last admin grant, but allows it when another remains', async () => {
    const own = await t.db.getRepository(StaffRoleGrant).findOneByOrFail({ userId: adminB.id, role: 'admin' });
    const last = await t.request('DELETE', `/api/staff/${own.id}`, { token: adminB.token });
    expect(last.status).toBe(400);
    expect(last.body.message).toContain('唯一');
    const second = await grantRole(t.db, adminB.id, 'admin', tree.communityB1.id);
    expect((await t.request('DELETE', `/api/staff/${second.id}`, { token: adminB.token })).status).toBe(204);
    // The district admin may revoke street B's admin.
    expect((await t.request('DELETE', `/api/staff/${own.id}`, { token: admin.token })).status).toBe(204);
    expect((await t.request('GET', '/api/me', { token: adminB.token })).body.staffRoles).toEqual([]);
  });

  it('does not consume an invite for a role the user already holds', async () => {
    const worker = await login('o_staff_holder');
    await grantRole(t.db, worker.id, 'grid_worker', tree.gridA1.id);
    const same = await invite(admin.token, 'grid_worker', tree.gridA1.id);
    const res = await claim(worker.token, same.code);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
    expect((await t.db.getRepository(StaffInvite).findOneByOrFail({ id: same.id })).claimedAt).toBeNull();
  });

  it('limits claims per user', async () => {
    const guesser = await login('o_staff_guesser');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await claim(guesser.token, `GUESS${i}AAAA`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Someone else is not affected.
    const other = await login('o_staff_not_guesser');
    expect((await claim(other.token, 'GUESSAAAAA')).status).toBe(400);
  });
});
