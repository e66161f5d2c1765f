import fc from 'fast-check';
import { formatQuietHours, parseQuietHours, quietUntil } from './quiet-hours';

/** An instant given as Asia/Shanghai wall-clock time. */
const sh = (isoLocal: string) => new Date(`${isoLocal}+08:00`);
const night = parseQuietHours('22:00-07:00');

describe('parseQuietHours', () => {
  it('reads HH:MM-HH:MM and turns empty/off into no quiet hours', () => {
    expect(night).toEqual({ startMinute: 22 * 60, endMinute: 7 * 60 });
    expect(parseQuietHours('9:30 - 11:00')).toEqual({ startMinute: 570, endMinute: 660 });
    expect(parseQuietHours('')).toBeNull();
    expect(parseQuietHours(undefined)).toBeNull();
    expect(parseQuietHours('off')).toBeNull();
    expect(formatQuietHours(night)).toBe('22:00-07:00');
    expect(formatQuietHours(null)).toBe('off');
  });

  it('says what is wrong with a bad window', () => {
    expect(() => parseQuietHours('22-7')).toThrow(/HH:MM-HH:MM/);
    expect(() => parseQuietHours('24:00-07:00')).toThrow(/time of day/);
    expect(() => parseQuietHours('07:00-07:00')).toThrow(/same/);
  });
});

describe('quietUntil (Asia/Shanghai)', () => {
  it('defers late evening to 07:00 the next morning', () => {
    expect(quietUntil(sh('2026-11-24T22:00:00'), night)).toEqual(sh('2026-11-25T07:00:00'));
    expect(quietUntil(sh('2026-11-24T23:59:59'), night)).toEqual(sh('2026-11-25T07:00:00'));
  });

  it('defers the small hours to 07:00 the same morning', () => {
    expect(quietUntil(sh('2026-11-25T00:00:00'), night)).toEqual(sh('2026-11-25T07:00:00'));
    expect(quietUntil(sh('2026-11-25T06:59:59.999'), night)).toEqual(sh('2026-11-25T07:00:00'));
  });

  it('lets daytime through, from 07:00 to 21:59', () => {
    expect(quietUntil(sh('2026-11-25T07:00:00'), night)).toBeNull();
    expect(quietUntil(sh('2026-11-25T12:00:00'), night)).toBeNull();
    expect(quietUntil(sh('2026-11-25T21:59:59.999'), night)).toBeNull();
  });

  it('works on UTC instants: 14:00Z is 22:00 in Shanghai', () => {
    expect(quietUntil(new Date('2026-11-24T14:00:00Z'), night)).toEqual(new Date('2026-11-24T23:00:00Z'));
    expect(quietUntil(new Date('2026-11-24T13:59:00Z'), night)).toBeNull();
  });

  it('handles a window that does not span midnight', () => {
    const lunch = parseQuietHours('12:00-13:30');
    expect(quietUntil(sh('2026-11-25T12:10:00'), lunch)).toEqual(sh('2026-11-25T13:30:00'));
    expect(quietUntil(sh('2026-11-25T13:30:00'), lunch)).toBeNull();
    expect(quietUntil(sh('2026-11-25T23:00:00'), lunch)).toBeNull();
  });

  it('never defers without quiet hours', () => {
    expect(quietUntil(sh('2026-11-25T03:00:00'), null)).toBeNull();
  });

  it('always answers an instant after now, at most a day ahead, that is itself outside the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 10 ** 12 }), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), (t, a, b) => {
        fc.pre(a !== b);
        const q = { startMinute: a, endMinute: b };
        const now = new Date(t);
        const until = quietUntil(now, q);
        if (until === null) return true;
        return until.getTime() > now.getTime() && until.getTime() - now.getTime() <= 86_400_000 && quietUntil(until, q) === null;
      }),
    );
  });
});
