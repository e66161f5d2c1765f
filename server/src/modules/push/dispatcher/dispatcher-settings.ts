import type { AppConfig } from '../../../config/env.schema';
import type { QuietHours } from './quiet-hours';

/** How the dispatcher runs (from the PUSH_* settings; docs/configuration.md, "Push dispatcher"). */
export interface DispatcherSettings {
  /** Run the dispatcher loop in this process (the API process; a worker always runs it). */
  enabled: boolean;
  /** Rows claimed per claim transaction. */
  claimSize: number;
  /** Sends in flight at once. */
  concurrency: number;
  /** Token-bucket rate of sends per second (0: no limit). */
  ratePerSecond: number;
  leaseMs: number;
  /** Attempts before a retryable failure becomes `failed`. */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long an idle loop waits before looking for due rows again. */
  pollMs: number;
  quietHours: QuietHours | null;
  /** The WeChat client's per-call timeout (a send cannot outlive its lease). */
  sendTimeoutMs: number;
}

export function dispatcherSettings(config: AppConfig): DispatcherSettings {
  return { ...config.dispatcher, sendTimeoutMs: config.wechat.timeoutMs };
}
