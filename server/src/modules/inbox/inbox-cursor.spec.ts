import { AppError } from '../../common/errors/app-error';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';

describe('inbox cursor', () => {
  it('round-trips the last id shown', () => {
    for (const id of [1, 42, 2147483647]) expect(decodeInboxCursor(encodeInboxCursor(id))).toBe(id);
    expect(encodeInboxCursor(42)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses anything else as a 400 naming the cursor', () => {
    const b64 = (v: string) => Buffer.from(v).toString('base64url');
    for (const bad of ['', '!!', b64('[1]'), b64('["i",0]'), b64('["i",1.5]'), b64('["x",3]'), b64('not json'), b64('["i",2147483648]'), 'a'.repeat(65)]) {
      let err: unknown;
      try {
        decodeInboxCursor(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).details).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
  });
});
