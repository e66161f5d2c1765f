import { etagMatches, weakEtag } from './notice-etag.hook';

describe('weak ETags', () => {
  it('derives the same tag from the same body and another from another', () => {
    expect(weakEtag('{"items":[]}')).toBe(weakEtag(Buffer.from('{"items":[]}')));
    expect(weakEtag('{"items":[]}')).not.toBe(weakEtag('{"items":[1]}'));
    expect(weakEtag('x')).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
  });

  it('matches If-None-Match weakly, in a list, or *', () => {
    const tag = weakEtag('body');
    const opaque = tag.slice(2);
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(opaque, tag)).toBe(true);
    expect(etagMatches(`"a", ${tag} , W/"b"`, tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('W/"other"', tag)).toBe(false);
    expect(etagMatches(undefined, tag)).toBe(false);
    expect(etagMatches('', tag)).toBe(false);
  });
});
