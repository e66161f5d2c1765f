import { AppError } from '../../common/errors/app-error';
import { addMonths, monthPeriod, monthsBetween, rate, yearPeriod } from './report-period';

describe('report periods in Beijing months', () => {
  it('adds months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
    expect(monthsBetween('2025-11', '2026-02')).toBe(4);
  });

  it('cuts months at Beijing midnight (16:00 UTC the day before)', () => {
    const p = monthPeriod({ from: '2026-01', to: '2026-02' }, new Date());
    expect(p.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(p.months.map((m) => [m.month, m.start.toISOString(), m.end.toISOString()])).toEqual([
      ['2026-01', '2025-12-31T16:00:00.000Z', '2026-01-31T16:00:00.000Z'],
      ['2026-02', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
    ]);
    expect(p.end.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('defaults to the twelve months ending with the current Beijing month', () => {
    // 2026-03-31 17:00 UTC is already 1 April in Beijing.
    const p = monthPeriod({}, new Date('2026-03-31T17:00:00Z'));
    expect([p.from, p.to, p.months.length]).toEqual(['2025-05', '2026-04', 12]);
    expect(monthPeriod({ to: '2026-02' }, new Date()).from).toBe('2025-03');
  });

  it('refuses a period that ends before it starts or is too long, naming the field', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return ((e as AppError).details as Array<{ path: string }>)[0].path;
      }
      return null;
    };
    expect(fieldOf(() => monthPeriod({ from: '2026-05', to: '2026-04' }, new Date()))).toBe('to');
    expect(fieldOf(() => monthPeriod({ from: '2027-01' }, new Date('2026-06-01T00:00:00Z')))).toBe('from');
    expect(fieldOf(() => monthPeriod({ from: '2023-01', to: '2026-01' }, new Date()))).toBe('from');
    expect(monthPeriod({ from: '2023-02', to: '2026-01' }, new Date()).months).toHaveLength(36);
  });

  it('makes a calendar year of twelve months', () => {
    const y = yearPeriod(2026);
    expect([y.from, y.to, y.months.length, y.start.toISOString(), y.end.toISOString()]).toEqual([
      '2026-01',
      '2026-12',
      12,
      '2025-12-31T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
    ]);
  });

  it('rounds rates to four decimals and leaves them null without a denominator', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(0, 0)).toBeNull();
  });
});
