import { makeNotice } from './factories/notices';
import { makeRegionTree } from './factories/regions';
import { resident, type Person } from './support/consultation-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Many residents rating the same notice at the same moment — what a popular notice sees, and what
 * the sustained-load benchmark (bench/load) caught: on MariaDB, each first rating's locking read of
 * its (missing) row took a gap lock, two such transactions then waited on each other's gap to insert,
 * and one of them died of a deadlock (500). Every rating must be stored, first ratings and changes
 * alike, with one row and one audit entry per resident.
 */
describe('ratings under concurrency', () => {
  const RESIDENTS = 24;
  let t: TestApp;
  let people: Person[];
  let noticeId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const tree = await makeRegionTree(t.db);
    noticeId = (await makeNotice(t.db, { regionId: tree.communityA1.id, title: '光明社区停水通知', status: 'published' })).id;
    people = [];
    for (let i = 0; i < RESIDENTS; i++) people.push(await resident(t, `o_rconc_${i}`, `居民${i}`, tree.communityA1.id));
  });
  afterAll(() => t?.close());

  const rateAll = (level: (i: number) => number) =>
    Promise.all(people.map((p, i) => t.request('PUT', '/api/ratings', { token: p.token, body: { targetType: 'notice', targetId: noticeId, level: level(i), tags: [] } })));

  it('first ratings of one notice by many residents at once are all stored', async () => {
    for (let round = 0; round < 3; round++) {
      // A fresh start each round: no rating of the notice yet, so every request inserts.
      await t.db.query("DELETE FROM audit_log WHERE target_type = 'rating'");
      await t.db.query('DELETE FROM rating_followup');
      await t.db.query('DELETE FROM rating');
      const replies = await rateAll((i) => (i % 5) + 1);
      expect(replies.map((r) => r.status)).toEqual(people.map(() => 200));
      const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM rating WHERE target_type = 'notice' AND target_id = ?", [noticeId]);
      expect(Number(n)).toBe(RESIDENTS);
      const [{ a }] = await t.db.query("SELECT COUNT(*) AS a FROM audit_log WHERE action = 'rating_create'");
      expect(Number(a)).toBe(RESIDENTS);
      // 差评 (levels 1 and 2) opened their follow-ups.
      const [{ f }] = await t.db.query('SELECT COUNT(*) AS f FROM rating_followup');
      expect(Number(f)).toBe(people.filter((_, i) => (i % 5) + 1 <= 2).length);
    }
  });

  it('changes of existing ratings at once are all applied', async () => {
    const replies = await rateAll(() => 4);
    expect(replies.map((r) => r.status)).toEqual(people.map(() => 200));
    const rows: Array<{ level: number | string }> = await t.db.query("SELECT level FROM rating WHERE target_type = 'notice' AND target_id = ?", [noticeId]);
    expect(rows.map((r) => Number(r.level))).toEqual(people.map(() => 4));
  });
});
