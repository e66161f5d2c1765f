import {
  constrainRichTextImages,
  formatDate,
  formatDateRange,
  formatDateTime,
  leadingUrgentCount,
  noticeBadges,
  toQueryString,
} from './format';

describe('dates', () => {
  it('formats in China time', () => {
    expect(formatDate('2026-11-24T07:01:00.000Z')).toBe('2026年11月24日');
    expect(formatDate('2026-11-24T17:00:00.000Z')).toBe('2026年11月25日');
    expect(formatDateTime('2026-11-24T07:01:00.000Z')).toBe('2026年11月24日 15:01');
  });
  it('is empty for missing or invalid dates', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('');
    expect(formatDateTime(undefined)).toBe('');
  });
  it('formats ranges', () => {
    expect(formatDateRange('2026-11-01T00:00:00Z', '2026-11-07T00:00:00Z')).toBe('2026年11月1日 至 2026年11月7日');
    expect(formatDateRange('2026-11-01T00:00:00Z', null)).toBe('2026年11月1日 起');
    expect(formatDateRange(null, '2026-11-07T00:00:00Z')).toBe('至 2026年11月7日');
    expect(formatDateRange(null, null)).toBe('');
  });
});

describe('notice labels', () => {
  it('names urgency and pinning in words', () => {
    expect(noticeBadges({ urgent: true, pinned: true })).toEqual(['紧急', '置顶']);
    expect(noticeBadges({ urgent: false, pinned: true })).toEqual(['置顶']);
    expect(noticeBadges({ urgent: false, pinned: false })).toEqual([]);
  });
  it('counts the urgent items at the top', () => {
    expect(leadingUrgentCount([{ urgent: true }, { urgent: true }, { urgent: false }, { urgent: true }])).toBe(2);
    expect(leadingUrgentCount([{ urgent: false }])).toBe(0);
    expect(leadingUrgentCount([])).toBe(0);
  });
});

describe('toQueryString', () => {
  it('skips empty values and encodes the rest', () => {
    expect(toQueryString({ regionId: 3, domain: undefined, q: '', cursor: 'a b/c', limit: 20 })).toBe('?regionId=3&cursor=a%20b%2Fc&limit=20');
    expect(toQueryString({ parentId: null })).toBe('');
  });
});

describe('constrainRichTextImages', () => {
  it('adds max-width to images', () => {
    expect(constrainRichTextImages('<p>a</p><img src="x.png">')).toBe('<p>a</p><img style="max-width:100%;height:auto;" src="x.png">');
  });
  it('keeps an existing style', () => {
    expect(constrainRichTextImages('<img src="x" style="border:0">')).toBe('<img src="x" style="max-width:100%;height:auto;border:0">');
  });
  it('leaves other HTML alone', () => {
    expect(constrainRichTextImages('<p>图片</p>')).toBe('<p>图片</p>');
  });
});
