export interface WechatGateOptions {
  /** Sends in a row without an answer from WeChat that shut the gate. */
  threshold: number;
  /** The first pause once shut; each failed probe doubles it … */
  firstPauseMs: number;
  /** … up to this. */
  maxPauseMs: number;
}

/** Sends in a row without an answer before the dispatcher treats WeChat as down. */
export const WECHAT_DOWN_AFTER = 3;
/** The longest pause between probes while WeChat is down (so sending resumes within this once it is back). */
export const MAX_PROBE_PAUSE_MS = 30_000;

/**
 * A circuit breaker over the dispatcher's sends: whether WeChat can be reached at all. A send that got
 * no answer from WeChat (connection refused or reset, timeout, HTTP 5xx) is "unreachable"; after
 * `threshold` of them in a row the gate shuts. While shut the dispatcher claims nothing and gives back
 * what it holds without charging an attempt: a two-minute outage must not use up the attempts of
 * every queued message (they exist for answers WeChat gives, like -1 or 45011). When the pause is
 * over one message goes out as a probe: any answer from WeChat — even an errcode — opens the gate,
 * none shuts it again for twice as long (at most `maxPauseMs`).
 */
export class WechatGate {
  private failures = 0;
  private pauseMs = 0;
  private shutUntil = 0;
  private probing = false;
  /** Why the last send got no answer (for the rows given back while shut). */
  lastError = '';

  constructor(
    private readonly opts: WechatGateOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** False while WeChat is taken to be down. */
  get open(): boolean {
    return this.failures < this.opts.threshold;
  }

  /** While shut: milliseconds until a probe may go (0 once the pause is over). */
  msUntilProbe(): number {
    return this.open ? 0 : Math.max(0, this.shutUntil - this.now());
  }

  /** While shut, the pause over and no probe out: true, and the caller sends the probe. */
  takeProbe(): boolean {
    if (this.open || this.probing || this.now() < this.shutUntil) return false;
    this.probing = true;
    return true;
  }

  /** The probe taken was not sent after all (e.g. its lease ran short): another may go. */
  cancelProbe(): void {
    this.probing = false;
  }

  /** A send's result: `reached` when WeChat answered (whatever it said). */
  record(reached: boolean, probe: boolean, error = ''): void {
    if (probe) this.probing = false;
    if (reached) {
      this.failures = 0;
      this.pauseMs = 0;
      this.shutUntil = 0;
      return;
    }
    this.lastError = error;
    this.failures++;
    if (this.failures === this.opts.threshold) {
      this.pauseMs = this.opts.firstPauseMs;
      this.shutUntil = this.now() + this.pauseMs;
    } else if (probe && !this.open) {
      this.pauseMs = Math.min(this.opts.maxPauseMs, this.pauseMs * 2);
      this.shutUntil = this.now() + this.pauseMs;
    }
  }
}
