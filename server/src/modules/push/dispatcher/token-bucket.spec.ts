import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through at once, then books tokens at exactly the rate', () => {
    let now = 1_000_000;
    const bucket = new TokenBucket(100, 5, () => now);
    const waits = Array.from({ length: 8 }, () => bucket.reserve());
    // 5 at once, then one every 10 ms.
    expect(waits).toEqual([0, 0, 0, 0, 0, 10, 20, 30]);
    now += 30; // the three booked ones have arrived
    expect(bucket.reserve()).toBe(10);
  });

  it('refills over time but never beyond the burst', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    expect([bucket.reserve(), bucket.reserve()]).toEqual([0, 0]);
    now += 10_000; // long idle: refills to 2, not 100
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 100]);
  });

  it('books no more than burst + rate × time over a window', () => {
    const bucket = new TokenBucket(250, 25, () => 0);
    const waits = Array.from({ length: 3000 }, () => bucket.reserve());
    const withinFourSeconds = waits.filter((w) => w < 4000).length;
    expect(withinFourSeconds).toBe(25 + 250 * 4 - 1);
    // Never out of order: each booking waits at least as long as the one before.
    expect(waits.every((w, i) => i === 0 || w >= waits[i - 1])).toBe(true);
  });

  it('with rate 0 never waits', () => {
    const bucket = new TokenBucket(0);
    expect(bucket.unlimited).toBe(true);
    for (let i = 0; i < 10_000; i++) expect(bucket.reserve()).toBe(0);
  });

  it('acquire() waits for a booked token in real time', async () => {
    const bucket = new TokenBucket(20, 1);
    const started = Date.now();
    await bucket.acquire();
    await bucket.acquire();
    await bucket.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('refuses a negative or infinite rate', () => {
    expect(() => new TokenBucket(-1)).toThrow(RangeError);
    expect(() => new TokenBucket(Infinity)).toThrow(RangeError);
  });
});
