import { addDays, dateInputToIso, formatDateInput, isDateInput, isoToDateInput, todayInChina } from './compose-dates';

describe('compose dates', () => {
  it('turns calendar days into China-time instants', () => {
    expect(dateInputToIso('2026-11-24')).toBe('2026-11-24T00:00:00+08:00');
    expect(dateInputToIso('2026-11-30', true)).toBe('2026-11-30T23:59:59+08:00');
    expect(dateInputToIso('')).toBeNull();
    expect(dateInputToIso('2026-02-30')).toBeNull();
  });
  it('reads instants back as China calendar days', () => {
    expect(isoToDateInput('2026-11-23T16:00:00.000Z')).toBe('2026-11-24');
    expect(isoToDateInput('2026-11-24T00:00:00+08:00')).toBe('2026-11-24');
    expect(isoToDateInput(null)).toBe('');
    expect(isoToDateInput('garbage')).toBe('');
  });
  it('round-trips', () => {
    for (const d of ['2026-01-01', '2026-12-31', '2028-02-29']) expect(isoToDateInput(dateInputToIso(d, true))).toBe(d);
  });
  it('knows today in China and adds days across months', () => {
    expect(todayInChina(Date.parse('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
    expect(addDays('2026-11-28', 7)).toBe('2026-12-05');
    expect(addDays('bad', 7)).toBe('bad');
    expect(isDateInput('2026-13-01')).toBe(false);
    expect(formatDateInput('2026-11-05')).toBe('2026年11月5日');
  });
});
