import fc from 'fast-check';
import { containsAllWords, noticeHaystack, noticeTerms } from './notice-search-document';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { indexTerms, normalizeSearchText, parseSearchQuery } from './search-terms';
import { fromSqlTime, toSqlTime } from './sql-time';

describe('search terms', () => {
  it('indexes Han unigrams and bigrams, and whole lower-cased Latin/digit tokens, normalising width', () => {
    expect([...indexTerms('低保对象')].sort()).toEqual(['低', '低保', '保', '保对', '对', '对象', '象'].sort());
    expect([...indexTerms('马办〔２０２６〕12号 ABC-def')].sort()).toEqual(['12', '2026', 'abc', 'def', '办', '号', '马', '马办'].sort());
    // Punctuation and symbols separate runs: no bigram spans them.
    expect(indexTerms('低，保').has('低保')).toBe(false);
    expect(indexTerms('x'.repeat(40)).has('x'.repeat(32))).toBe(true);
  });

  it('turns a query into words and the terms that pin each word down', () => {
    expect(parseSearchQuery('低保')).toEqual({ words: ['低保'], terms: ['低保'], exactByIndex: true });
    expect(parseSearchQuery(' 水 ')).toEqual({ words: ['水'], terms: ['水'], exactByIndex: true });
    expect(parseSearchQuery('ＡＢＣ')).toEqual({ words: ['abc'], terms: ['abc'], exactByIndex: true });
    expect(parseSearchQuery('低保对象')).toEqual({ words: ['低保对象'], terms: ['低保', '保对', '对象'], exactByIndex: false });
    expect(parseSearchQuery('低保 公示')).toEqual({ words: ['低保', '公示'], terms: ['低保', '公示'], exactByIndex: false });
    expect(parseSearchQuery('100%')).toEqual({ words: ['100%'], terms: ['100'], exactByIndex: false });
    expect(parseSearchQuery('低低低').exactByIndex).toBe(false);
    expect(parseSearchQuery('% _ ，').terms).toEqual([]);
  });

  it('finds every query term of a substring in the index of the text that holds it (property)', () => {
    const alphabet = fc.constantFrom(...'低保对象公示社区水电费ab12 ，。%'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const i = a % text.length;
        const j = i + 1 + (b % (text.length - i));
        const q = text.slice(i, j);
        const index = indexTerms(text);
        const parsed = parseSearchQuery(q);
        // Han text matches anywhere, so a Han-only substring is always found through the index.
        if (/^\p{Script=Han}+$/u.test(q)) expect(parsed.terms.every((t) => index.has(t))).toBe(true);
        // And the phrase check agrees with plain substring search.
        const doc = { title: text, body: '', basis: '', timeLimit: '', publisher: '', docNo: null, indexNo: null, guide: null };
        if (parsed.words.length === 1 && !/\s/.test(q)) expect(containsAllWords(doc, parsed.words)).toBe(normalizeSearchText(text).includes(parsed.words[0]));
      }),
    );
  });

  it('reads a notice: terms flagged when in the title, the body as plain text, the elements and the guide', () => {
    const n = {
      title: '低保公示',
      body: '<p>城乡<strong>低保</strong>对象</p><script>水费</script>',
      basis: '《社会救助暂行办法》',
      timeLimit: '7日',
      publisher: '光明社区居委会',
      docNo: '光社〔2026〕3号',
      indexNo: null,
      guide: { conditions: '户籍在本社区', materials: ['身份证'], steps: [], placeAndTime: '', consultPhone: '', complaintPhone: '' },
    };
    const terms = noticeTerms(n);
    expect(terms.get('低保')).toBe(true);
    expect(terms.get('城乡')).toBe(false);
    expect(terms.get('救助')).toBe(false);
    expect(terms.get('2026')).toBe(false);
    expect(terms.get('户籍')).toBe(false);
    expect(terms.has('水费')).toBe(false);
    expect(noticeHaystack(n).split('\n')[1]).toBe('城乡低保对象');
    expect(containsAllWords(n, ['低保对象', '居委会'])).toBe(true);
    expect(containsAllWords(n, ['公示城乡'])).toBe(false);
  });
});

describe('search cursor and SQL times', () => {
  it('round-trips, and rejects a feed cursor or garbage with a 400 naming cursor', () => {
    const c = { tier: 1 as const, publishedAt: new Date('2026-11-20T01:02:03.456Z'), id: 7, asOf: new Date('2026-11-26T00:00:00Z') };
    expect(decodeSearchCursor(encodeSearchCursor(c))).toEqual(c);
    for (const bad of ['', '@@', Buffer.from('[1,0,1,1,1]').toString('base64url'), Buffer.from('["s",2,1,1,1]').toString('base64url')]) {
      expect(() => decodeSearchCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'cursor' })] }));
    }
  });

  it('writes times as UTC text and reads them back from either driver', () => {
    const d = new Date('2026-01-02T03:04:05.006Z');
    expect(toSqlTime(d)).toBe('2026-01-02 03:04:05.006');
    expect(fromSqlTime('2026-01-02 03:04:05.006')).toEqual(d);
    expect(fromSqlTime(d)).toBe(d);
    expect(fromSqlTime(null)).toBeNull();
    expect(fromSqlTime('nonsense')).toBeNull();
  });
});
