import type { PushFiguresDto } from '@sunboard/shared';
import { noticeInput, type Person, person, staffOf, workflow } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

describe('delivery figures for staff', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staffOf>>;
  let noticeId: number;
  let otherNoticeId: number;
  const subscribers: Person[] = [];

  /** Sets outbox rows' status as the dispatcher would have. */
  const setStatus = (noticeId: number, userIds: number[], status: string) =>
    t.db.query(`UPDATE push_outbox SET status = ? WHERE notice_id = ? AND user_id IN (${userIds.map(() => '?').join(', ')})`, [status, noticeId, ...userIds]);
  const figures = (p: Person, query: Record<string, string | number>) =>
    t.request<PushFiguresDto & { code?: string; details?: Array<{ path: string }> }>('GET', '/api/push/figures', { token: p.token, query });

  beforeAll(async () => {
    t = await startTestApp();
    s = await staffOf(t);
    const w = workflow(t);
    for (let i = 0; i < 8; i++) {
      const p = await person(t, [], s.tree.communityA1.id);
      await t.request('PUT', '/api/subscriptions', { token: p.token, body: { topics: [{ regionId: s.tree.communityA1.id }] } });
      subscribers.push(p);
    }
    noticeId = (await w.publish(s.worker, s.reviewer, noticeInput(s.tree.communityA1.id))).id;
    const ids = subscribers.map((p) => p.id);
    await setStatus(noticeId, ids.slice(0, 3), 'sent');
    await setStatus(noticeId, ids.slice(3, 5), 'refused');
    await setStatus(noticeId, ids.slice(5, 6), 'failed');
    await setStatus(noticeId, ids.slice(6, 7), 'sending');
    // Three targeted residents open the notice (one of them refused: they found it in the message centre);
    // a staff member who was not targeted opens it too and is not counted.
    for (const p of [subscribers[0], subscribers[1], subscribers[3], s.worker2]) {
      expect((await t.request('GET', `/api/notices/${noticeId}`, { token: p.token })).status).toBe(200);
    }
    otherNoticeId = (await w.publish(s.worker, s.reviewer, noticeInput(s.tree.communityA1.id, { domain: 'health' }))).id;
    await setStatus(otherNoticeId, ids.slice(0, 2), 'sent');
  });
  afterAll(() => t?.close());

  it('counts one notice: targeted, queued (incl. being sent), sent, refused, failed, and targeted residents who read it', async () => {
    const res = await figures(s.reviewer, { noticeId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ noticeId, regionId: null, from: null, to: null, targeted: 8, queued: 2, sent: 3, refused: 2, failed: 1, read: 3 });
    // A grid worker of the community sees it too.
    expect((await figures(s.worker, { noticeId })).body.targeted).toBe(8);
  });

  it('counts a region subtree over a period', async () => {
    const all = await figures(s.admin, { regionId: s.tree.streetA.id });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ regionId: s.tree.streetA.id, noticeId: null, targeted: 16, sent: 5, refused: 2, failed: 1, queued: 8, read: 3 });
    const now = Date.now();
    const window = await figures(s.admin, {
      regionId: s.tree.district.id,
      from: new Date(now - 3_600_000).toISOString(),
      to: new Date(now + 3_600_000).toISOString(),
    });
    expect(window.body).toMatchObject({ targeted: 16, from: new Date(now - 3_600_000).toISOString() });
    const before = await figures(s.admin, { regionId: s.tree.district.id, to: new Date(now - 3_600_000).toISOString() });
    expect(before.body).toMatchObject({ targeted: 0, sent: 0, read: 0 });
    // Another street's subtree has none of these messages.
    expect((await figures(s.admin, { regionId: s.tree.streetB.id })).body.targeted).toBe(0);
  });

  it('is for staff covering the notice or region only', async () => {
    expect((await figures(s.otherReviewer, { noticeId })).status).toBe(403);
    expect((await figures(s.outsider, { regionId: s.tree.streetA.id })).status).toBe(403);
    expect((await figures(s.worker, { regionId: s.tree.streetA.id })).status).toBe(403);
    expect((await figures(s.resident, { noticeId })).status).toBe(403);
    expect((await t.request('GET', '/api/push/figures', { query: { noticeId } })).status).toBe(401);
  });

  it('refuses bad queries naming the field', async () => {
    const cases: Array<[Record<string, string | number>, number, string]> = [
      [{}, 400, 'noticeId'],
      [{ noticeId, regionId: s.tree.streetA.id }, 400, 'noticeId'],
      [{ noticeId: 'abc' }, 400, 'noticeId'],
      [{ regionId: s.tree.streetA.id, from: 'yesterday' }, 400, 'from'],
      [{ regionId: s.tree.streetA.id, from: '2026-11-02T00:00:00+08:00', to: '2026-11-01T00:00:00+08:00' }, 400, 'to'],
      [{ noticeId, from: '2026-11-01T00:00:00+08:00' }, 400, 'from'],
      [{ regionId: s.tree.streetA.id, extra: 1 }, 400, ''],
      [{ noticeId: 99_999_999 }, 404, ''],
      [{ regionId: 99_999_999 }, 404, 'regionId'],
    ];
    for (const [query, status, path] of cases) {
      const res = await figures(s.admin, query);
      expect([query, res.status]).toEqual([query, status]);
      if (path) expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
  });
});
