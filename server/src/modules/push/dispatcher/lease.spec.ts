import { claimLimit, leaseExpired, leaseUntil, tooLateToSend } from './lease';

const t0 = new Date('2026-11-25T02:00:00.000Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);

describe('lease arithmetic', () => {
  it('a lease ends leaseMs after the claim', () => {
    expect(leaseUntil(t0, 30_000)).toEqual(plus(30_000));
  });

  it('expires at its end, not before', () => {
    expect(leaseExpired(plus(29_999), plus(30_000))).toBe(false);
    expect(leaseExpired(plus(30_000), plus(30_000))).toBe(true);
    expect(leaseExpired(t0, null)).toBe(false);
  });

  it('does not start a send that could outlive the lease (two calls and a second of slack)', () => {
    const plan = { sendTimeoutMs: 5000 };
    expect(tooLateToSend(t0, plus(60_000), plan)).toBe(false);
    expect(tooLateToSend(t0, plus(11_000), plan)).toBe(false);
    expect(tooLateToSend(t0, plus(10_999), plan)).toBe(true);
    expect(tooLateToSend(t0, plus(-1), plan)).toBe(true);
  });

  it('claims the full batch without a rate limit', () => {
    expect(claimLimit({ claimSize: 500, ratePerSecond: 0, leaseMs: 60_000, buffered: 10_000 })).toBe(500);
  });

  it('under a rate limit, claims no more than can be sent in half a lease', () => {
    // 20/s for 30 s (half of 60 s) = 600 → the claim size wins.
    expect(claimLimit({ claimSize: 500, ratePerSecond: 20, leaseMs: 60_000, buffered: 0 })).toBe(500);
    // 5/s × 30 s = 150, 100 already waiting → 50.
    expect(claimLimit({ claimSize: 500, ratePerSecond: 5, leaseMs: 60_000, buffered: 100 })).toBe(50);
    expect(claimLimit({ claimSize: 500, ratePerSecond: 5, leaseMs: 60_000, buffered: 150 })).toBe(0);
    // A very slow rate still claims one at a time.
    expect(claimLimit({ claimSize: 500, ratePerSecond: 0.01, leaseMs: 10_000, buffered: 0 })).toBe(1);
  });
});
