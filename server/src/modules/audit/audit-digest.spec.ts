import { canonicalJson, contentDigest } from './audit-digest';

describe('register digests', () => {
  it('does not depend on key order and changes with any content', () => {
    const a = { title: '低保公示', channels: ['mini_program'], guide: { b: 1, a: [2, { d: 1, c: null }] }, at: new Date('2026-11-26T00:00:00Z') };
    const b = { at: new Date('2026-11-26T00:00:00Z'), guide: { a: [2, { c: null, d: 1 }], b: 1 }, channels: ['mini_program'], title: '低保公示' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentDigest(a)).toBe(contentDigest(b));
    expect(contentDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentDigest({ ...a, title: '低保公示 ' })).not.toBe(contentDigest(a));
    expect(contentDigest({ ...a, channels: ['notice_board'] })).not.toBe(contentDigest(a));
    // undefined keys are absent, null ones are content.
    expect(canonicalJson({ x: undefined, y: null })).toBe('{"y":null}');
  });
});
