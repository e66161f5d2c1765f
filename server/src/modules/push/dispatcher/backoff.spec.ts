import fc from 'fast-check';
import { retryDelayMs } from './backoff';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per attempt between half and all of the step', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 0.999999)).toBe(1000);
    expect(retryDelayMs(2, policy, () => 0)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(4, policy, () => 0.5)).toBe(6000);
  });

  it('is capped at maxMs, even for absurd attempt numbers', () => {
    expect(retryDelayMs(7, policy, () => 0.999999)).toBe(60_000);
    expect(retryDelayMs(10_000, policy, () => 0)).toBe(30_000);
  });

  it('always lies in [step/2, step] and never decreases in its lower bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const d = retryDelayMs(attempt, policy, () => r);
        const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
        return Number.isInteger(d) && d >= step / 2 - 0.5 && d <= step + 0.5;
      }),
    );
  });

  it('spreads a burst: 200 rows failing together come back at different times', () => {
    const delays = new Set(Array.from({ length: 200 }, () => retryDelayMs(2, policy)));
    expect(delays.size).toBeGreaterThan(150);
  });
});
