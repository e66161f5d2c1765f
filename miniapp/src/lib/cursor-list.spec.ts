import { emptyCursorList, hasMore, mergeCursorPage } from './cursor-list';

type Item = { id: number; title: string };
const item = (id: number): Item => ({ id, title: `t${id}` });

describe('mergeCursorPage', () => {
  it('takes the first page', () => {
    const s = mergeCursorPage(emptyCursorList<Item>(), { items: [item(1), item(2)], nextCursor: 'c1' }, true);
    expect(s).toEqual({ items: [item(1), item(2)], nextCursor: 'c1', loaded: true });
    expect(hasMore(s)).toBe(true);
  });

  it('appends the next page without duplicates', () => {
    const first = mergeCursorPage(emptyCursorList<Item>(), { items: [item(1), item(2)], nextCursor: 'c1' }, true);
    const second = mergeCursorPage(first, { items: [item(2), item(3)], nextCursor: null }, false);
    expect(second.items.map((i) => i.id)).toEqual([1, 2, 3]);
    expect(hasMore(second)).toBe(false);
  });

  it('replaces everything on reset', () => {
    const first = mergeCursorPage(emptyCursorList<Item>(), { items: [item(1), item(2)], nextCursor: 'c1' }, true);
    const again = mergeCursorPage(first, { items: [item(5)], nextCursor: null }, true);
    expect(again.items).toEqual([item(5)]);
  });

  it('drops duplicates inside one page too', () => {
    const s = mergeCursorPage(emptyCursorList<Item>(), { items: [item(1), item(1)], nextCursor: null }, true);
    expect(s.items).toHaveLength(1);
  });

  it('has no more before anything loaded', () => {
    expect(hasMore(emptyCursorList<Item>())).toBe(false);
  });
});
