import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { fromSqlTime } from '../../notices/search/sql-time';
import type { SubscribeMessage } from '../../wechat/wechat.client';
import type { CreditsService } from '../credits.service';
import type { DispatcherSettings } from './dispatcher-settings';
import { claimLimit, tooLateToSend } from './lease';
import { type ClaimedRow, OutboxClaimer } from './outbox-claimer';
import { OutboxResults, type ResultCounts, type WaitResult } from './outbox-results';
import { pendingSql } from './outbox.sql';
import { classifySendError, clip, type SendOutcome, wechatUnreachable } from './send-outcome';
import { TokenBucket } from './token-bucket';
import { WechatApiError, WechatTransportError } from '../../wechat/wechat.errors';
import { MAX_PROBE_PAUSE_MS, WECHAT_DOWN_AFTER, WechatGate } from './wechat-gate';

export interface DispatchReport extends ResultCounts {
  claimed: number;
  deferred: number;
  /** Refused at the claim for want of a credit (included in `refused`). */
  noCredit: number;
  reaped: number;
}

/** What sends one message: SubscribeSender (or WechatClient, which has the same method shape). */
export interface MessageSender {
  send(msg: SubscribeMessage): Promise<{ msgid: string }>;
}

export interface DispatcherLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** `host:pid:random` — unique per process, ≤ 40 characters so `#<claim>` fits in worker_id (64). */
export function newWorkerId(): string {
  return `${hostname().replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 24) || 'host'}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Drains `push_outbox`: claims due rows in batches (OutboxClaimer), sends each (SubscribeSender:
 * subscribeMessage.send over keep-alive connections) under a token-bucket rate limit with at most `concurrency` sends
 * in flight, and records the results in batches (OutboxResults). The next claim is made while the
 * previous batch is still being sent, so sends never wait on the database. Rows whose lease ran out
 * (a dead worker's) go back to the queue by a reaper step every few seconds.
 *
 * One instance per process. `start()` runs it in the background (the API process unless
 * PUSH_DISPATCHER=false, or a `--role=worker` process); tests call `runOnce()` or `drain()`.
 */
export class PushDispatcher {
  readonly workerId: string;
  private readonly claimer: OutboxClaimer;
  private readonly results: OutboxResults;
  private readonly bucket: TokenBucket;
  /** Whether WeChat answers at all: while it does not, nothing is claimed and nothing is charged. */
  private readonly gate: WechatGate;
  private gateShutAt = 0;
  private readonly report: DispatchReport;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private lastReap = 0;

  constructor(
    private readonly db: DataSource,
    private readonly sender: MessageSender,
    credits: CreditsService,
    private readonly settings: DispatcherSettings,
    private readonly logger: DispatcherLog,
    workerId = newWorkerId(),
  ) {
    this.workerId = workerId;
    this.claimer = new OutboxClaimer(db, workerId, { leaseMs: settings.leaseMs, quietHours: settings.quietHours, maxAttempts: settings.maxAttempts });
    this.results = new OutboxResults(
      db,
      credits,
      {
        maxAttempts: settings.maxAttempts,
        backoff: { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs },
        flushSize: 500,
        // Group commit with no added wait: results are written as soon as the previous write is done,
        // so under load batches grow by themselves, and few results are ever unwritten (a crash's duplicates).
        flushDelayMs: 0,
      },
      (m) => logger.error(m),
      (m) => logger.warn(m),
    );
    this.bucket = new TokenBucket(settings.ratePerSecond);
    this.gate = new WechatGate({
      threshold: WECHAT_DOWN_AFTER,
      firstPauseMs: settings.retryBaseMs,
      maxPauseMs: Math.max(settings.retryBaseMs, Math.min(settings.retryMaxMs, MAX_PROBE_PAUSE_MS)),
    });
    this.report = { ...this.results.counts, claimed: 0, deferred: 0, noCredit: 0, reaped: 0 };
  }

  /** Totals since this dispatcher was created. */
  stats(): DispatchReport {
    const c = this.results.counts;
    return { ...this.report, ...c, refused: c.refused + this.report.noCredit };
  }

  get running(): boolean {
    return this.loop !== null;
  }

  /** Runs the loop in the background until stop(). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.logger.log(
      `dispatcher ${this.workerId} started: claims of ${this.settings.claimSize}, ${this.settings.concurrency} sends in flight, ` +
        `${this.settings.ratePerSecond || 'unlimited'}/s, lease ${this.settings.leaseMs / 1000} s`,
    );
    this.loop = this.pump({ untilDrained: false }).finally(() => (this.loop = null));
  }

  /** Stops claiming, finishes the sends in flight, gives back rows claimed but not started, writes every result. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.stopping = false;
  }

  /** One claim (after a reap), every claimed row sent, every result written. */
  async runOnce(now = new Date()): Promise<DispatchReport> {
    const before = this.stats();
    await this.reapNow(now);
    const batch = await this.claimer.claim(claimLimit({ ...this.settings, buffered: 0 }), now);
    this.countClaim(batch);
    await this.sendAll(batch.rows);
    await this.results.flush();
    return this.since(before);
  }

  /**
   * Runs until no row is queued or being sent (waiting out backoff delays and other workers'
   * leases), or until `timeoutMs`. For tests and tools; returns what this dispatcher did.
   */
  async drain(opts: { timeoutMs?: number } = {}): Promise<DispatchReport> {
    if (this.loop) throw new Error('drain() while the background loop runs');
    const before = this.stats();
    await this.pump({ untilDrained: true, deadline: Date.now() + (opts.timeoutMs ?? 60_000) });
    return this.since(before);
  }

  private since(before: DispatchReport): DispatchReport {
    const now = this.stats();
    return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - before[k as keyof DispatchReport]])) as unknown as DispatchReport;
  }

  private countClaim(batch: { rows: ClaimedRow[]; deferred: number; refused: number }): void {
    this.report.claimed += batch.rows.length + batch.refused;
    this.report.deferred += batch.deferred;
    this.report.noCredit += batch.refused;
  }

  private async reapNow(now = new Date()): Promise<void> {
    this.lastReap = Date.now();
    const n = await this.claimer.reap(now);
    if (n) {
      this.report.reaped += n;
      this.logger.warn(`returned ${n} rows whose lease ran out to the queue`);
    }
  }

  private async sendAll(rows: ClaimedRow[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < rows.length) await this.sendOne(rows[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, rows.length) }, lane));
  }

  /** `probe`: the one message sent while WeChat is taken to be down, to find out whether it is back. */
  private async sendOne(row: ClaimedRow, probe = false): Promise<void> {
    if (tooLateToSend(new Date(), row.leaseUntil, this.settings)) {
      if (probe) this.gate.cancelProbe();
      this.results.add(row, { kind: 'release' });
      return;
    }
    await this.bucket.acquire();
    let outcome: SendOutcome;
    /** Did WeChat answer? null: the failure says nothing about WeChat (bad row data, a database error). */
    let reached: boolean | null = true;
    try {
      const data = JSON.parse(row.data) as Record<string, string>;
      const { msgid } = await this.sender.send({ touser: row.openid, templateId: row.templateId, page: row.page ?? undefined, data });
      outcome = { kind: 'sent', msgid };
    } catch (err) {
      outcome = err instanceof SyntaxError ? { kind: 'failed', error: `bad data JSON in the outbox row: ${err.message}`.slice(0, 255) } : classifySendError(err);
      reached = err instanceof WechatApiError || err instanceof WechatTransportError ? !wechatUnreachable(err) : null;
      // 43101 after an attempt that went unanswered (a timeout, a dropped connection, a worker that
      // died mid-send): that attempt may have reached WeChat and used the credit (WeChat has no way
      // to ask). Still refused — but say so.
      if (outcome.kind === 'refused' && /^(timeout|network|lease expired)/.test(row.lastError ?? '')) {
        outcome = { kind: 'refused', error: clip(`${outcome.error}; an earlier attempt went unanswered (${row.lastError!.split(':')[0]}) and may have been delivered`) };
      }
    }
    if (reached === null) {
      if (probe) this.gate.cancelProbe();
    } else {
      this.recordReach(reached, probe, outcome.kind === 'sent' ? '' : outcome.error);
    }
    // WeChat is down: the attempt is not charged (the row's attempts are for WeChat's own answers).
    if (reached === false && !this.gate.open && outcome.kind === 'retry') this.results.add(row, this.waitResult(outcome.error));
    else this.results.add(row, outcome);
  }

  private recordReach(reached: boolean, probe: boolean, error: string): void {
    const wasOpen = this.gate.open;
    this.gate.record(reached, probe, error);
    if (wasOpen && !this.gate.open) {
      this.gateShutAt = Date.now();
      this.logger.warn(`WeChat unreachable (${WECHAT_DOWN_AFTER} sends in a row without an answer; last: ${error}): sending paused, one probe at a time until it answers`);
    } else if (!wasOpen && this.gate.open) {
      this.logger.log(`WeChat answers again: sending resumed after ${((Date.now() - this.gateShutAt) / 1000).toFixed(1)} s`);
    }
  }

  /** A row given back while WeChat is down: due when the next probe may go, its attempt not counted. */
  private waitResult(error = this.gate.lastError): WaitResult {
    return { kind: 'wait', error: clip(`waiting for WeChat: ${error}`), delayMs: this.gate.msUntilProbe() };
  }

  /**
   * The loop. Keeps up to `concurrency` sends in flight from a local queue of claimed rows, claiming
   * the next batch as soon as fewer than `concurrency` rows are waiting (or on their way). With more
   * sends in flight than one claim holds, several claims run at once on MySQL/MariaDB (SKIP LOCKED
   * keeps them apart; at most 4); SQLite claims one at a time. When nothing is due it sleeps `pollMs`
   * (or, draining, until the next row falls due).
   */
  private async pump(mode: { untilDrained: boolean; deadline?: number }): Promise<void> {
    const { concurrency, pollMs, leaseMs, claimSize } = this.settings;
    const maxClaims = this.claimer.dialect === 'mysql' ? Math.max(1, Math.min(4, Math.ceil(concurrency / claimSize))) : 1;
    const queue: ClaimedRow[] = [];
    let inFlight = 0;
    let claiming = 0;
    let idleUntil = 0;
    let signal = Promise.resolve();
    const arm = () => (signal = new Promise<void>((r) => (this.wake = r)));
    arm();
    const notify = () => this.wake?.();

    for (;;) {
      if (this.stopping || (mode.deadline !== undefined && Date.now() > mode.deadline)) break;
      if (Date.now() - this.lastReap > Math.min(5000, leaseMs / 4)) {
        await this.reapNow().catch((err: Error) => this.logger.error(`reaping failed: ${err.message}`));
      }
      // WeChat down: claim nothing until the pause is over, then one row at a time (the probe).
      const shut = !this.gate.open;
      if (shut) idleUntil = Math.max(idleUntil, Date.now() + this.gate.msUntilProbe());
      while (claiming < maxClaims && queue.length + claiming * claimSize < concurrency && Date.now() >= idleUntil) {
        if (shut && (claiming || queue.length || inFlight)) break;
        const limit = shut ? 1 : claimLimit({ ...this.settings, buffered: queue.length + inFlight + claiming * claimSize });
        if (limit <= 0) break;
        claiming++;
        this.claimer.claim(limit).then(
          (batch) => {
            this.countClaim(batch);
            queue.push(...batch.rows);
            if (batch.selected === 0) idleUntil = Date.now() + pollMs;
          },
          (err: Error) => {
            this.logger.error(`claiming failed: ${err.message}`);
            idleUntil = Date.now() + pollMs;
          },
        ).finally(() => {
          claiming--;
          notify();
        });
      }
      while (inFlight < concurrency && queue.length) {
        const row = queue.shift()!;
        const probe = !this.gate.open && this.gate.takeProbe();
        if (!this.gate.open && !probe) {
          this.results.add(row, this.waitResult());
          continue;
        }
        inFlight++;
        void this.sendOne(row, probe).finally(() => {
          inFlight--;
          notify();
        });
      }
      if (!claiming && !inFlight && !queue.length) {
        await this.results.flush();
        if (mode.untilDrained) {
          const wait = await this.untilDue();
          if (wait === null) break;
          idleUntil = 0;
          await Promise.race([sleep(Math.min(wait, pollMs)), signal]);
        } else {
          await Promise.race([sleep(Math.max(0, idleUntil - Date.now())), signal]);
        }
        arm();
        continue;
      }
      await signal;
      arm();
    }
    // Stopping: nothing new; rows claimed but not started go back at once; the rest finish.
    for (const row of queue.splice(0)) this.results.add(row, { kind: 'release' });
    while (inFlight > 0 || claiming) {
      await signal;
      arm();
      for (const row of queue.splice(0)) this.results.add(row, { kind: 'release' });
    }
    await this.results.flush();
    this.wake = null;
  }

  /** Milliseconds until something may be claimable (a queued row due, a lease ending); null when nothing is left. */
  private async untilDue(): Promise<number | null> {
    const s = pendingSql();
    const [row] = await this.db.query(s.sql, s.params);
    const nextDue = fromSqlTime(row?.next_due);
    const leaseEnd = fromSqlTime(row?.next_lease_end);
    const times = [nextDue, leaseEnd].filter((d): d is Date => d !== null).map((d) => d.getTime() - Date.now());
    if (!times.length) return null;
    return Math.max(10, Math.min(...times));
  }
}
