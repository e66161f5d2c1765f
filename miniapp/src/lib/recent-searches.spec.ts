import { parseRecentSearches, pushRecentSearch, removeRecentSearch } from './recent-searches';

describe('recent searches', () => {
  it('puts the newest first without duplicates and caps the list', () => {
    let list: string[] = [];
    for (const q of ['低保', '停水', ' 低保 ', '医保']) list = pushRecentSearch(list, q);
    expect(list).toEqual(['医保', '低保', '停水']);
    for (let i = 0; i < 20; i++) list = pushRecentSearch(list, `词${i}`);
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('词19');
  });
  it('ignores blank queries and trims long ones', () => {
    expect(pushRecentSearch(['低保'], '   ')).toEqual(['低保']);
    expect(pushRecentSearch([], 'x'.repeat(80))[0]).toHaveLength(50);
  });
  it('reads back only clean strings', () => {
    expect(parseRecentSearches('["低保","",3,"停水","低保"]')).toEqual(['低保', '停水']);
    expect(parseRecentSearches('not json')).toEqual([]);
    expect(parseRecentSearches(null)).toEqual([]);
    expect(parseRecentSearches(['a', 'b', 'c'], 2)).toEqual(['a', 'b']);
  });
  it('removes one', () => {
    expect(removeRecentSearch(['a', 'b'], 'a')).toEqual(['b']);
  });
});
