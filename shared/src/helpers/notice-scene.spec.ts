import fc from 'fast-check';
import { NOTICE_DETAIL_PAGE, noticeIdFromScene, noticeScene, WXACODE_SCENE_PATTERN } from './notice-scene';

describe('notice scene (mini-program code)', () => {
  it('fits WeChat’s scene rules for every id and round-trips through the URL-encoding the page receives', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2147483647 }), (id) => {
        const scene = noticeScene(id);
        expect(scene).toMatch(WXACODE_SCENE_PATTERN);
        expect(scene.length).toBeLessThanOrEqual(32);
        expect(noticeIdFromScene(encodeURIComponent(scene))).toBe(id);
        expect(noticeIdFromScene(scene)).toBe(id);
      }),
    );
    expect(noticeScene(42)).toBe('n=42');
    expect(noticeIdFromScene('n%3D42')).toBe(42);
    expect(noticeIdFromScene('x%3D1%26n%3D7')).toBe(7);
  });

  it('answers null for anything that is not a notice scene', () => {
    for (const bad of [undefined, null, '', 'n=', 'n=abc', 'n=0', 'n=99999999999', 'id=4', '%E0%A4%A', 'n=4x']) {
      expect(noticeIdFromScene(bad)).toBeNull();
    }
    expect(() => noticeScene(0)).toThrow(RangeError);
    expect(NOTICE_DETAIL_PAGE).not.toMatch(/^\//);
  });
});
