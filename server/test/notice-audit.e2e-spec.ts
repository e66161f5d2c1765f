import type { AuditEntryDto, Page } from '@sunboard/shared';
import { contentDigest } from '../src/modules/audit/audit-digest';
import { contentOf } from '../src/modules/notices/notice-content';
import { Notice } from '../src/modules/notices/notice.entity';
import { counts, noticeInput, staffOf, workflow } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

describe('the publication register (发布登记): GET /api/audit', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staffOf>>;
  let w: ReturnType<typeof workflow>;

  beforeAll(async () => {
    t = await startTestApp();
    s = await staffOf(t);
    w = workflow(t);
  });
  afterAll(() => t?.close());

  const register = (token: string, targetId: number, extra: Record<string, string | number> = {}) =>
    t.request<Page<AuditEntryDto> & { code?: string; details?: unknown }>('GET', '/api/audit', { token, query: { targetType: 'notice', targetId, ...extra } });
  const digestNow = async (id: number) => contentDigest(contentOf(await t.db.getRepository(Notice).findOneByOrFail({ id })));

  it('has one row per step, by whom, with digests that chain from each content to the next', async () => {
    const id = (await w.create(s.worker, noticeInput(s.tree.communityA1.id, { title: '原标题' }))).body.id;
    const d1 = await digestNow(id);
    await w.update(s.worker, id, { title: '第二稿' });
    const d2 = await digestNow(id);
    await w.submit(s.worker, id);
    // A refused step leaves no row.
    expect((await w.approve(s.reviewer, id, {})).status).toBe(400);
    await w.reject(s.reviewer, id, '请补充依据');
    await w.update(s.worker, id, { basis: '《城市供热管理办法》第十条' });
    const d3 = await digestNow(id);
    await w.submit(s.worker, id);
    await w.approve(s.reviewer, id, { confidentialityChecked: true });
    await w.update(s.admin, id, { title: '更正稿' });
    const d4 = await digestNow(id);
    await w.withdraw(s.reviewer, id, '已过时');

    const res = await register(s.worker.token, id, { limit: 50 });
    expect(res.status).toBe(200);
    const rows = res.body.items;
    expect(rows.map((r) => [r.action, r.actor?.id ?? null])).toEqual([
      ['create', s.worker.id],
      ['edit', s.worker.id],
      ['submit', s.worker.id],
      ['reject', s.reviewer.id],
      ['edit', s.worker.id],
      ['submit', s.worker.id],
      ['approve', s.reviewer.id],
      ['publish', s.reviewer.id],
      ['correct', s.admin.id],
      ['withdraw', s.reviewer.id],
    ]);
    expect(rows.map((r) => [r.digestBefore, r.digestAfter])).toEqual([
      [null, d1],
      [d1, d2],
      [d2, d2],
      [d2, d2],
      [d2, d3],
      [d3, d3],
      [d3, d3],
      [d3, d3],
      [d3, d4],
      [d4, d4],
    ]);
    expect(new Set([d1, d2, d3, d4]).size).toBe(4);
    expect(rows[3].note).toBe('请补充依据');
    expect(rows[6].note).toMatch(/保密审查/);
    expect(rows[9].note).toBe('已过时');
    expect(rows.every((r) => r.targetType === 'notice' && r.targetId === id && r.regionId === s.tree.communityA1.id)).toBe(true);
    const times = rows.map((r) => new Date(r.at).getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(rows[0].actor?.displayName).toMatch(/^测试人员/);
  });

  it('pages oldest first with an opaque cursor', async () => {
    const id = (await w.create(s.worker, noticeInput(s.tree.communityA1.id))).body.id;
    for (let i = 0; i < 4; i++) await w.update(s.worker, id, { title: `第${i}稿` });
    const first = await register(s.worker.token, id, { limit: 2 });
    expect(first.body.items.map((r) => r.action)).toEqual(['create', 'edit']);
    const ids: number[] = first.body.items.map((r) => r.id);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await register(s.worker.token, id, { limit: 2, cursor });
      ids.push(...page.body.items.map((r) => r.id));
      cursor = page.body.nextCursor;
    }
    expect(ids).toHaveLength(5);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect((await register(s.worker.token, id, { cursor: 'bogus!' })).body.details).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it('is readable by staff covering the region only, and has no way to change it', async () => {
    const id = (await w.create(s.worker, noticeInput(s.tree.communityA1.id))).body.id;
    expect((await register(s.reviewer.token, id)).status).toBe(200);
    expect((await register(s.admin.token, id)).status).toBe(200);
    expect((await register(s.outsider.token, id)).body.code).toBe('OUT_OF_SCOPE');
    expect((await register(s.otherReviewer.token, id)).status).toBe(403);
    expect((await register(s.resident.token, id)).body.code).toBe('FORBIDDEN');
    expect((await t.request('GET', '/api/audit', { query: { targetType: 'notice', targetId: id } })).status).toBe(401);
    expect((await register(s.worker.token, 99999999)).status).toBe(404);
    const badType = await t.request('GET', '/api/audit', { token: s.worker.token, query: { targetType: 'user', targetId: id } });
    expect([badType.status, badType.body.details]).toEqual([400, [expect.objectContaining({ path: 'targetType' })]]);

    const before = await counts(t);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await t.request(method, '/api/audit', { token: s.admin.token, body: { action: 'approve' } });
      expect({ method, status: res.status }).toEqual({ method, status: 404 });
    }
    const rowId = (await register(s.admin.token, id)).body.items[0].id;
    for (const method of ['PUT', 'PATCH', 'DELETE']) expect((await t.request(method, `/api/audit/${rowId}`, { token: s.admin.token })).status).toBe(404);
    expect(await counts(t)).toEqual(before);
  });
});
