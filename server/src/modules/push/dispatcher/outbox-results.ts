import type { DataSource, EntityManager } from 'typeorm';
import { toSqlTime } from '../../notices/search/sql-time';
import type { CreditsService } from '../credits.service';
import { type BackoffPolicy, retryDelayMs } from './backoff';
import type { ClaimedRow } from './outbox-claimer';
import { run } from './outbox-claimer';
import { markFinalSql, markRetrySql, markSentSql, releaseSql, type Statement } from './outbox.sql';
import { clip, type SendOutcome } from './send-outcome';

export interface ResultCounts {
  sent: number;
  refused: number;
  failed: number;
  retried: number;
  released: number;
  /** Given back uncharged while WeChat was down (WechatGate): tried and unanswered, or not tried. */
  waited: number;
}

/** WeChat is down (WechatGate): back to the queue due in `delayMs`, the claim's attempt not counted, never `failed`. */
export type WaitResult = { kind: 'wait'; error: string; delayMs: number };

type Entry = { row: ClaimedRow; outcome: SendOutcome | WaitResult | { kind: 'release' }; at: Date };

const CHUNK = 500;

/** Runs `fn` after `ms`; 0 means right after the current I/O callbacks (setImmediate: no 1 ms timer floor). */
function later(fn: () => void, ms: number): { cancel(): void } {
  if (ms <= 0) {
    const h = setImmediate(fn);
    return { cancel: () => clearImmediate(h) };
  }
  const h = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(h) };
}
const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Records send results in `push_outbox`, batched like a group commit: every write takes all the
 * results waiting, and results that arrive meanwhile go to the next write, started at once — on
 * MySQL/MariaDB up to `writers` writes run side by side (disjoint rows), so one slow commit does not
 * hold the rest back; SQLite writes one at a time, in a transaction (its single connection must not
 * mix a plain statement into another caller's transaction). `flushDelayMs` (normally 0) may hold the
 * first result back to gather more. The window is kept short because a result not yet written is what
 * a crash turns into a duplicate (the row is sent again after its lease). A retryable failure becomes
 * a retry with backoff, or `failed` once the row has had `maxAttempts`; 43101 also marks the credit spent.
 * A `wait` (WeChat down) goes back to the queue without counting the attempt.
 */
export class OutboxResults {
  readonly counts: ResultCounts = { sent: 0, refused: 0, failed: 0, retried: 0, released: 0, waited: 0 };
  private pending: Entry[] = [];
  private readonly active = new Set<Promise<void>>();
  private readonly mysql: boolean;
  private readonly writers: number;
  private timer: { cancel(): void } | null = null;
  private failures = 0;

  constructor(
    private readonly db: DataSource,
    private readonly credits: CreditsService,
    private readonly opts: { maxAttempts: number; backoff: BackoffPolicy; flushSize: number; flushDelayMs: number; writers?: number },
    private readonly logError: (message: string) => void,
    private readonly logWarn: (message: string) => void = logError,
  ) {
    this.mysql = db.options.type === 'mysql';
    this.writers = this.mysql ? Math.max(1, opts.writers ?? 3) : 1;
  }

  /** Results not yet written (waiting or being written). */
  get waiting(): number {
    return this.pending.length;
  }

  add(row: ClaimedRow, outcome: SendOutcome | WaitResult | { kind: 'release' }): void {
    this.pending.push({ row, outcome, at: new Date() });
    if (this.pending.length >= this.opts.flushSize || this.opts.flushDelayMs <= 0) this.schedule(0);
    else this.schedule(this.opts.flushDelayMs);
  }

  /** Writes everything added so far (waiting for the writes already running). */
  async flush(): Promise<void> {
    while (this.pending.length || this.active.size) {
      this.kick();
      if (this.active.size) await Promise.race(this.active);
      if (this.failures > 0 && this.pending.length && !this.active.size) await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** this.failures)));
    }
  }

  private schedule(ms: number): void {
    this.timer ??= later(() => {
      this.timer = null;
      this.kick();
    }, ms);
  }

  /** Starts a write of everything waiting, if a writer is free. */
  private kick(): void {
    if (!this.pending.length || this.active.size >= this.writers) return;
    const write: Promise<void> = this.writeOnce().finally(() => {
      this.active.delete(write);
      // Results that arrived while writing: the next write, at once (after a failure, a second later).
      if (this.pending.length) this.schedule(this.failures ? 1000 : 0);
    });
    this.active.add(write);
  }

  private async writeOnce(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    const started = Date.now();
    try {
      await this.write(batch);
      this.failures = 0;
      const took = Date.now() - started;
      // Results waiting to be written are what a crash would send twice: say when writing is slow.
      if (took > 250) this.logWarn(`writing ${batch.length} send results took ${took} ms`);
      for (const e of batch) {
        const k = e.outcome.kind;
        if (k === 'sent') this.counts.sent++;
        else if (k === 'refused') this.counts.refused++;
        else if (k === 'release') this.counts.released++;
        else if (k === 'wait') this.counts.waited++;
        else if (k === 'failed' || e.row.attempts >= this.opts.maxAttempts) this.counts.failed++;
        else this.counts.retried++;
      }
    } catch (err) {
      // Keep the results and try again: until the lease runs out they are still ours to write.
      this.failures++;
      this.pending = batch.concat(this.pending);
      this.logError(`writing ${batch.length} send results failed (try ${this.failures}): ${(err as Error).message}`);
    }
  }

  /** The statements that record a batch, and the rows whose credit WeChat says is spent (43101). */
  private plan(batch: Entry[]): { statements: Statement[]; spent: ClaimedRow[] } {
    const at = toSqlTime(new Date());
    const byToken = new Map<string, Entry[]>();
    for (const e of batch) {
      const list = byToken.get(e.row.token);
      if (list) list.push(e);
      else byToken.set(e.row.token, [e]);
    }
    const statements: Statement[] = [];
    const spent: ClaimedRow[] = [];
    for (const [token, entries] of byToken) {
      const sent: Array<{ id: number; msgid: string }> = [];
      const refused: Array<{ id: number; error: string }> = [];
      const failed: Array<{ id: number; error: string }> = [];
      const retry: Array<{ id: number; nextAttemptAt: string; error: string }> = [];
      const release: number[] = [];
      const wait: Array<{ id: number; nextAttemptAt: string; error: string }> = [];
      for (const { row, outcome, at: when } of entries) {
        switch (outcome.kind) {
          case 'sent':
            sent.push({ id: row.id, msgid: outcome.msgid });
            break;
          case 'refused':
            refused.push({ id: row.id, error: outcome.error });
            spent.push(row);
            break;
          case 'failed':
            failed.push({ id: row.id, error: outcome.error });
            break;
          case 'retry':
            if (row.attempts >= this.opts.maxAttempts) failed.push({ id: row.id, error: clip(`${outcome.error} (gave up after ${row.attempts} attempts)`) });
            else retry.push({ id: row.id, error: outcome.error, nextAttemptAt: toSqlTime(new Date(when.getTime() + retryDelayMs(row.attempts, this.opts.backoff))) });
            break;
          case 'release':
            release.push(row.id);
            break;
          case 'wait':
            wait.push({ id: row.id, error: outcome.error, nextAttemptAt: toSqlTime(new Date(when.getTime() + outcome.delayMs)) });
            break;
        }
      }
      for (const part of chunks(sent)) statements.push(markSentSql(part, token, at));
      for (const part of chunks(refused)) statements.push(markFinalSql('refused', part, token, at));
      for (const part of chunks(failed)) statements.push(markFinalSql('failed', part, token, at));
      for (const part of chunks(retry)) statements.push(markRetrySql(part, token, at));
      for (const part of chunks(release)) statements.push(releaseSql(part, token, at));
      for (const part of chunks(wait)) statements.push(markRetrySql(part, token, at, { uncharged: true }));
    }
    return { statements, spent };
  }

  /** On MySQL one statement (the usual case: a batch of sends of one claim) runs on its own; more go in one transaction. */
  private async write(batch: Entry[]): Promise<void> {
    const { statements, spent } = this.plan(batch);
    if (this.mysql && statements.length === 1 && !spent.length) {
      await this.db.query(statements[0].sql, statements[0].params);
      return;
    }
    await this.db.transaction(async (m: EntityManager) => {
      for (const s of statements) await run(m, s);
      // 43101: WeChat says the credit is gone, whatever we counted.
      for (const row of spent) await this.credits.markSpent(m, row.userId, row.templateId);
    });
  }
}
