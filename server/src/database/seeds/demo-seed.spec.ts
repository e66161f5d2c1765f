import { demoDayShiftMs } from './demo-seed';

describe('demo dates', () => {
  it('stay as written on the anchor day and move by whole Shanghai days after it', () => {
    expect(demoDayShiftMs(new Date('2026-11-26T01:00:00+08:00'))).toBe(0);
    expect(demoDayShiftMs(new Date('2026-11-25T23:00:00+08:00'))).toBe(0);
    expect(demoDayShiftMs(new Date('2026-11-27T00:30:00+08:00'))).toBe(86_400_000);
    expect(demoDayShiftMs(new Date('2027-03-01T12:00:00+08:00'))).toBe(95 * 86_400_000);
  });
});
