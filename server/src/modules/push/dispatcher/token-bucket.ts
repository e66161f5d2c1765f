/**
 * A token bucket: `ratePerSecond` tokens flow in continuously up to `burst`; each send takes one.
 * `reserve()` takes a token now or books the next one and says how long to wait for it, so callers
 * waiting concurrently are served in order at exactly the rate (no thundering herd on refill).
 * A rate of 0 means no limit.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number = Math.max(1, Math.ceil(ratePerSecond / 10)),
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond >= 0) || !Number.isFinite(ratePerSecond)) throw new RangeError('ratePerSecond must be a finite number ≥ 0');
    if (!(burst >= 1)) throw new RangeError('burst must be ≥ 1');
    this.tokens = burst;
    this.updatedAt = now();
  }

  get unlimited(): boolean {
    return this.ratePerSecond === 0;
  }

  /** Takes one token; returns the milliseconds to wait before using it (0: go now). */
  reserve(): number {
    if (this.unlimited) return 0;
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.ratePerSecond) / 1000);
    this.updatedAt = now;
    this.tokens -= 1;
    // A negative balance is a queue of booked tokens: the last booked one arrives after -tokens/rate.
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }

  /** Resolves when a token is available (taken). */
  async acquire(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
  }
}
