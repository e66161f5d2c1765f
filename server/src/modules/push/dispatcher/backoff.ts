export interface BackoffPolicy {
  /** Delay before the second attempt (attempt 1 failed), before jitter. */
  baseMs: number;
  /** No delay grows beyond this (before jitter). */
  maxMs: number;
}

/**
 * How long to wait after the `attempt`-th failed attempt (1-based): base·2^(attempt-1), capped at
 * max, with "equal jitter" — half of it fixed, half random — so a burst of -1 answers does not make
 * every row come back in the same millisecond, and no retry comes sooner than half its step.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity for huge n; the cap handles it.
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (n - 1));
  const half = step / 2;
  return Math.round(half + random() * half);
}
