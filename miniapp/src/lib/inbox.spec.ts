import { inboxTarget, inboxTypeLabel, markAllReadLocally, markReadLocally, unreadBadgeText, unreadWords } from './inbox';

const noticeRoute = (id: number) => `/packages/notice/detail/index?id=${id}`;

describe('unreadBadgeText / unreadWords', () => {
  it('shows nothing at 0, the number up to 99, then 99+', () => {
    expect(unreadBadgeText(0)).toBeNull();
    expect(unreadBadgeText(-1)).toBeNull();
    expect(unreadBadgeText(Number.NaN)).toBeNull();
    expect(unreadBadgeText(1)).toBe('1');
    expect(unreadBadgeText(99)).toBe('99');
    expect(unreadBadgeText(100)).toBe('99+');
  });
  it('says the count in words', () => {
    expect(unreadWords(3)).toBe('3 条未读');
    expect(unreadWords(0)).toBe('没有未读消息');
    expect(unreadWords(250)).toBe('99+ 条未读');
  });
});

describe('inboxTarget', () => {
  it('opens the notice an item names', () => {
    expect(inboxTarget({ noticeId: 42, page: 'packages/notice/detail/index?id=42' }, noticeRoute)).toBe('/packages/notice/detail/index?id=42');
  });
  it("opens one of the app's own pages otherwise, with a leading slash", () => {
    expect(inboxTarget({ noticeId: null, page: 'packages/case/detail/index?id=7' }, noticeRoute)).toBe('/packages/case/detail/index?id=7');
    expect(inboxTarget({ noticeId: null, page: '/pages/me/index' }, noticeRoute)).toBe('/pages/me/index');
  });
  it('goes nowhere for a missing or foreign page', () => {
    expect(inboxTarget({ noticeId: null, page: null }, noticeRoute)).toBeNull();
    expect(inboxTarget({ noticeId: null, page: 'https://evil.example/x' }, noticeRoute)).toBeNull();
    expect(inboxTarget({ noticeId: null, page: 'javascript:alert(1)' }, noticeRoute)).toBeNull();
    expect(inboxTarget({ noticeId: 0, page: '' }, noticeRoute)).toBeNull();
  });
});

describe('marking read in the list', () => {
  const items = [
    { id: 1, readAt: null },
    { id: 2, readAt: '2026-11-20T08:00:00+08:00' },
    { id: 3, readAt: null },
  ];
  it('marks one item and leaves the others', () => {
    const out = markReadLocally(items, 1, 'NOW');
    expect(out.map((i) => i.readAt)).toEqual(['NOW', '2026-11-20T08:00:00+08:00', null]);
    expect(items[0].readAt).toBeNull();
  });
  it('keeps the first read time of an item already read', () => {
    expect(markReadLocally(items, 2, 'NOW')[1].readAt).toBe('2026-11-20T08:00:00+08:00');
  });
  it('marks all unread ones', () => {
    expect(markAllReadLocally(items, 'NOW').map((i) => i.readAt)).toEqual(['NOW', '2026-11-20T08:00:00+08:00', 'NOW']);
  });
});

describe('inboxTypeLabel', () => {
  it('labels known types and falls back to 消息', () => {
    expect(inboxTypeLabel('notice_published')).toBe('新公开信息');
    expect(inboxTypeLabel('something_new')).toBe('消息');
  });
});
