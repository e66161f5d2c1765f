import { containsAnyTerm, highlightSegments, searchTerms } from './highlight';

describe('searchTerms', () => {
  it('splits on spaces and Chinese punctuation, drops duplicates, longest first', () => {
    expect(searchTerms('  低保  公示，低保 ')).toEqual(['低保', '公示']);
    expect(searchTerms('城乡 最低生活保障')).toEqual(['最低生活保障', '城乡']);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('WiFi wifi')).toEqual(['WiFi']);
  });
});

describe('highlightSegments', () => {
  it('marks every occurrence and keeps the text whole', () => {
    const segs = highlightSegments('2026年低保公示：低保对象名单', ['低保']);
    expect(segs.map((s) => s.text).join('')).toBe('2026年低保公示：低保对象名单');
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['低保', '低保']);
    expect(segs[0]).toEqual({ text: '2026年', hit: false });
  });
  it('merges adjacent and overlapping hits', () => {
    expect(highlightSegments('低保公示', ['低保', '公示'])).toEqual([{ text: '低保公示', hit: true }]);
    expect(highlightSegments('最低生活保障', ['最低生活', '生活保障'])).toEqual([{ text: '最低生活保障', hit: true }]);
  });
  it('is case-insensitive and returns one plain segment without hits', () => {
    expect(highlightSegments('Wifi 覆盖', ['wifi'])[0]).toEqual({ text: 'Wifi', hit: true });
    expect(highlightSegments('停水通知', ['低保'])).toEqual([{ text: '停水通知', hit: false }]);
    expect(highlightSegments('', ['低保'])).toEqual([]);
  });
  it('containsAnyTerm', () => {
    expect(containsAnyTerm('关于低保的通知', ['公示', '低保'])).toBe(true);
    expect(containsAnyTerm('停水通知', ['低保'])).toBe(false);
  });
});
