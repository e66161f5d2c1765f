import { noticeIdFromScene } from '@sunboard/shared';
import { noticeIdFromParams, noticeSharePath, noticeShareUrl } from './share';

describe('share', () => {
  it('builds the paths', () => {
    expect(noticeSharePath(42)).toBe('/packages/notice/detail/index?id=42');
    expect(noticeShareUrl('http://localhost:3000/', 42)).toBe('http://localhost:3000/#/packages/notice/detail/index?id=42');
  });
  it('reads the id from ?id= or from a scanned code’s scene', () => {
    expect(noticeIdFromParams({ id: '42' }, noticeIdFromScene)).toBe(42);
    expect(noticeIdFromParams({ scene: 'n%3D7' }, noticeIdFromScene)).toBe(7);
    expect(noticeIdFromParams({ id: 'abc' }, noticeIdFromScene)).toBeNull();
    expect(noticeIdFromParams({}, noticeIdFromScene)).toBeNull();
  });
});
