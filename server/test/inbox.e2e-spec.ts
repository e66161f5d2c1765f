import type { InboxItemDto, Page } from '@sunboard/shared';
import { OutboxWriter } from '../src/modules/push/outbox-writer';
import { makeNotice } from './factories/notices';
import { makeRegionTree } from './factories/regions';
import { type Person, person } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

describe('message centre (消息)', () => {
  let t: TestApp;
  let alice: Person;
  let bob: Person;
  let seq = 0;
  let community = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const r = await makeRegionTree(t.db);
    community = r.communityA1.id;
    alice = await person(t, [], r.communityA1.id);
    bob = await person(t, [], r.communityA1.id);
  });
  afterAll(() => t?.close());

  /** A message for the user, written as the other modules write theirs. */
  const message = (p: Person, title: string) =>
    t.db.transaction((tx) =>
      t.app.get(OutboxWriter).enqueueOne(tx, {
        messageType: 'case_progress',
        userId: p.id,
        dedupeKey: `test:inbox:${++seq}:user:${p.id}`,
        values: { caseType: '低保申请', step: '入户调查', updatedAt: new Date(), note: title },
        page: 'packages/case/detail/index?id=1',
        title,
        body: `您的低保申请已进入“入户调查”：${title}`,
      }),
    );
  const list = (p: Person, query: Record<string, string | number> = {}) => t.request<Page<InboxItemDto> & { code?: string; details?: unknown }>('GET', '/api/inbox', { token: p.token, query });
  const unread = async (p: Person) => (await t.request<{ unread: number }>('GET', '/api/inbox/unread-count', { token: p.token })).body.unread;

  it('lists the caller’s messages newest first in cursor pages, with the unread count', async () => {
    for (const title of ['第一条', '第二条', '第三条', '第四条', '第五条']) expect(await message(alice, title)).toBe(true);
    await message(bob, '鲍勃的消息');
    expect(await unread(alice)).toBe(5);
    expect(await unread(bob)).toBe(1);

    const first = await list(alice, { limit: 2 });
    expect(first.status).toBe(200);
    expect(first.body.items.map((i) => i.title)).toEqual(['第五条', '第四条']);
    expect(first.body.items[0]).toEqual({
      id: expect.any(Number),
      type: 'case_progress',
      title: '第五条',
      body: '您的低保申请已进入“入户调查”：第五条',
      page: 'packages/case/detail/index?id=1',
      noticeId: null,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      readAt: null,
    });
    const second = await list(alice, { limit: 2, cursor: first.body.nextCursor! });
    expect(second.body.items.map((i) => i.title)).toEqual(['第三条', '第二条']);
    const third = await list(alice, { limit: 2, cursor: second.body.nextCursor! });
    expect(third.body.items.map((i) => i.title)).toEqual(['第一条']);
    expect(third.body.nextCursor).toBeNull();
    expect((await list(bob)).body.items.map((i) => i.title)).toEqual(['鲍勃的消息']);

    // The same message written twice is one message.
    expect(await message(alice, '第五条').then(() => unread(alice))).toBe(6);
    const key = `test:inbox:dup:user:${alice.id}`;
    const once = () =>
      t.db.transaction((tx) =>
        t.app.get(OutboxWriter).enqueueOne(tx, { messageType: 'rating_reply', userId: alice.id, dedupeKey: key, values: {}, page: null, title: '回复', body: '已回复' }),
      );
    expect(await once()).toBe(true);
    expect(await once()).toBe(false);
    expect(await unread(alice)).toBe(7);
  });

  it('marks one message read, never another resident’s (404 as if it did not exist), and all at once', async () => {
    const mine = (await list(alice, { limit: 50 })).body.items;
    const bobs = (await list(bob)).body.items[0];

    const read = await t.request<InboxItemDto>('POST', `/api/inbox/${mine[0].id}/read`, { token: alice.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: mine[0].id, readAt: expect.any(String) });
    const before = await unread(alice);
    // Again: nothing changes, the first time stays.
    const again = await t.request<InboxItemDto>('POST', `/api/inbox/${mine[0].id}/read`, { token: alice.token });
    expect(again.body.readAt).toBe(read.body.readAt);
    expect(await unread(alice)).toBe(before);

    const foreign = await t.request('POST', `/api/inbox/${bobs.id}/read`, { token: alice.token });
    const missing = await t.request('POST', '/api/inbox/99999999/read', { token: alice.token });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body.code).toBe(missing.body.code);
    expect(foreign.body.message).toBe(missing.body.message);
    expect(await unread(bob)).toBe(1);

    const all = await t.request<{ marked: number }>('POST', '/api/inbox/read-all', { token: alice.token });
    expect(all.status).toBe(200);
    expect(all.body.marked).toBe(before);
    expect(await unread(alice)).toBe(0);
    expect((await list(alice, { limit: 50 })).body.items.every((i) => i.readAt !== null)).toBe(true);
    expect(await unread(bob)).toBe(1);
    expect((await t.request<{ marked: number }>('POST', '/api/inbox/read-all', { token: alice.token })).body.marked).toBe(0);
  });

  it('reads the message of a notice when the resident opens the notice itself', async () => {
    const notice = await makeNotice(t.db, { regionId: community, title: '关于冬季供暖的通知', publishedAt: new Date(Date.now() - 60_000) });
    await t.db.transaction((tx) =>
      t.app.get(OutboxWriter).enqueueOne(tx, {
        messageType: 'notice_published',
        userId: bob.id,
        dedupeKey: `test:inbox:notice:${notice.id}:user:${bob.id}`,
        values: { title: notice.title, publishedAt: new Date(), publisher: '光明社区居民委员会' },
        page: `packages/notice/detail/index?id=${notice.id}`,
        noticeId: notice.id,
        title: notice.title,
        body: '光明社区发布了新的公开信息',
      }),
    );
    const before = await unread(bob);
    expect((await t.request('GET', `/api/notices/${notice.id}`, { token: bob.token })).status).toBe(200);
    expect(await unread(bob)).toBe(before - 1);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    for (const cursor of ['not a cursor', Buffer.from('["i",-1]').toString('base64url'), Buffer.from('{"x":1}').toString('base64url')]) {
      const res = await list(alice, { cursor });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
    const tooMany = await list(alice, { limit: 500 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details).toEqual([expect.objectContaining({ path: 'limit' })]);
    expect((await t.request('POST', '/api/inbox/abc/read', { token: alice.token })).status).toBe(400);
    expect((await t.request('GET', '/api/inbox')).status).toBe(401);
    expect((await t.request('GET', '/api/inbox/unread-count')).status).toBe(401);
    expect((await t.request('POST', '/api/inbox/read-all')).status).toBe(401);
  });
});
