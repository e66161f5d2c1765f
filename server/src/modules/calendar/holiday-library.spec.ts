import { estimatedDay, LIBRARY_LAST_YEAR, libraryDay } from './holiday-library';

describe('the holiday library as Sunboard reads it', () => {
  it('knows 2026 with its holidays and make-up days', () => {
    expect(LIBRARY_LAST_YEAR).toBeGreaterThanOrEqual(2026);
    expect(libraryDay('2026-10-01')).toEqual({ work: false, name: '国庆节' });
    expect(libraryDay('2026-10-10')).toEqual({ work: true, name: '国庆节' });
    expect(libraryDay('2026-11-26')).toEqual({ work: true, name: '' });
  });

  it('estimates unknown years on weekdays only', () => {
    expect(estimatedDay('2027-01-02').work).toBe(false); // Saturday
    expect(estimatedDay('2027-01-04').work).toBe(true);
  });
});
