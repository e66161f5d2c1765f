/**
 * Lease arithmetic. A claimed row belongs to one worker until `lease_until`; after that the reaper
 * may hand it to another. So a worker must finish (or give back) every row it claims well inside
 * the lease, and must not start a send it could not finish before the lease ends.
 */
export interface LeasePlan {
  leaseMs: number;
  /** Longest one send can take (the WeChat client's per-call timeout, token retry included). */
  sendTimeoutMs: number;
}

export function leaseUntil(now: Date, leaseMs: number): Date {
  return new Date(now.getTime() + leaseMs);
}

/**
 * True when a send started now could still be running when the lease ends: one call, plus the
 * client's single retry after a token error, plus a second of slack. Such a row is given back
 * instead of sent, so a slow worker never sends a row another worker may have claimed since.
 */
export function tooLateToSend(now: Date, leaseUntilAt: Date, plan: Pick<LeasePlan, 'sendTimeoutMs'>): boolean {
  return leaseUntilAt.getTime() - now.getTime() < 2 * plan.sendTimeoutMs + 1000;
}

/**
 * How many rows to claim now: at most `claimSize`, and, under a rate limit, no more than can be sent
 * within half a lease together with the rows already waiting here (`buffered`). At least 1 while
 * there is room, 0 when enough is waiting already.
 */
export function claimLimit(opts: { claimSize: number; ratePerSecond: number; leaseMs: number; buffered: number }): number {
  const { claimSize, ratePerSecond, leaseMs, buffered } = opts;
  if (ratePerSecond <= 0) return Math.max(0, claimSize);
  const sendableInHalfLease = Math.floor((ratePerSecond * leaseMs) / 2000);
  return Math.max(0, Math.min(claimSize, Math.max(1, sendableInHalfLease) - buffered));
}

/** True when the lease has run out (the reaper's test). */
export function leaseExpired(now: Date, leaseUntilAt: Date | null): boolean {
  return leaseUntilAt !== null && leaseUntilAt.getTime() <= now.getTime();
}
