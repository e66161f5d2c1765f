import type { DataSource, EntityManager } from 'typeorm';
import { toSqlTime } from '../../notices/search/sql-time';
import type { ConsumeResult } from '../credits.service';
import { consumeCredits } from './credit-batch';
import { leaseUntil } from './lease';
import { type Dialect, deferSql, markFinalSql, markSendingSql, reapSql, selectDueSql, selectExpiredSql, type Statement } from './outbox.sql';
import { quietUntil, type QuietHours } from './quiet-hours';

/** A row this worker holds and should send. */
export interface ClaimedRow {
  id: number;
  userId: number;
  openid: string;
  templateId: string;
  page: string | null;
  /** JSON of the fitted values: `{"thing1":"…"}`. */
  data: string;
  urgent: boolean;
  messageType: string;
  /** Attempts including this one. */
  attempts: number;
  /** Why the previous attempt failed (null on a first attempt). */
  lastError: string | null;
  /** The claim token in `worker_id`: every later change is conditional on it. */
  token: string;
  leaseUntil: Date;
}

export interface ClaimResult {
  /** Rows to send now. */
  rows: ClaimedRow[];
  /** Due rows read by the claim (0: nothing was due). */
  selected: number;
  /** Non-urgent rows moved to the end of the quiet hours. */
  deferred: number;
  /** Rows refused at the claim: no credit left, or the template switched off (nothing sent; the inbox copy stays). */
  refused: number;
}

interface DueRow {
  id: number | string;
  user_id: number | string;
  openid: string;
  template_id: string;
  page: string | null;
  data: string;
  urgent: unknown;
  attempts: number | string;
  message_type: string;
  last_error: string | null;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1';

const REFUSAL_TEXT = {
  none: 'no credit: the resident has no subscription credit left for this template (inbox only)',
  switched_off: 'switched off: the resident turned this template off in WeChat (inbox only)',
} as const;

export async function run(m: EntityManager, s: Statement): Promise<void> {
  await m.query(s.sql, s.params);
}

/**
 * Claims and reaps `push_outbox` rows. A claim is one short transaction: read the due rows (locked,
 * skipping other workers' on MySQL/MariaDB), defer non-urgent ones during quiet hours, mark the rest
 * `sending` under a fresh claim token and lease, and take each first attempt's subscribe credit
 * (refusing rows with none) — so a row's credit is taken exactly once, together with its first claim.
 */
export class OutboxClaimer {
  readonly dialect: Dialect;
  private seq = 0;

  constructor(
    private readonly db: DataSource,
    readonly workerId: string,
    private readonly opts: { leaseMs: number; quietHours: QuietHours | null; maxAttempts: number },
  ) {
    this.dialect = db.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  private transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    // READ COMMITTED: the locking read takes no gap locks, so a publish inserting rows meanwhile never waits on a claim.
    return this.dialect === 'mysql' ? this.db.transaction('READ COMMITTED', fn) : this.db.transaction(fn);
  }

  async claim(limit: number, now = new Date()): Promise<ClaimResult> {
    const token = `${this.workerId}#${++this.seq}`;
    const at = toSqlTime(now);
    const lease = leaseUntil(now, this.opts.leaseMs);
    const quietEnd = quietUntil(now, this.opts.quietHours);
    return this.transaction(async (m) => {
      const due = selectDueSql(this.dialect, at, limit);
      const rows: DueRow[] = await m.query(due.sql, due.params);
      if (!rows.length) return { rows: [], selected: 0, deferred: 0, refused: 0 };
      const deferIds: number[] = [];
      const take: DueRow[] = [];
      for (const r of rows) {
        if (quietEnd && !truthy(r.urgent)) deferIds.push(Number(r.id));
        else take.push(r);
      }
      if (deferIds.length && quietEnd) await run(m, deferSql(deferIds, toSqlTime(quietEnd), at));
      if (!take.length) return { rows: [], selected: rows.length, deferred: deferIds.length, refused: 0 };

      await run(m, markSendingSql(take.map((r) => Number(r.id)), token, toSqlTime(lease), at));
      // The credit goes with the first attempt only: a retried row already holds its credit.
      const first = take.filter((r) => Number(r.attempts) === 0);
      const verdicts: Map<number, ConsumeResult> = first.length
        ? await consumeCredits(m, this.dialect, first.map((r) => ({ id: Number(r.id), userId: Number(r.user_id), templateId: r.template_id })))
        : new Map();
      const refused: Array<{ id: number; error: string }> = [];
      const send: ClaimedRow[] = [];
      for (const r of take) {
        const verdict = verdicts.get(Number(r.id));
        if (verdict === 'none' || verdict === 'switched_off') {
          refused.push({ id: Number(r.id), error: REFUSAL_TEXT[verdict] });
          continue;
        }
        send.push({
          id: Number(r.id),
          userId: Number(r.user_id),
          openid: r.openid,
          templateId: r.template_id,
          page: r.page,
          data: r.data,
          urgent: truthy(r.urgent),
          messageType: r.message_type,
          attempts: Number(r.attempts) + 1,
          lastError: r.last_error,
          token,
          leaseUntil: lease,
        });
      }
      if (refused.length) await run(m, markFinalSql('refused', refused, token, at));
      return { rows: send, selected: rows.length, deferred: deferIds.length, refused: refused.length };
    });
  }

  /**
   * Puts rows whose lease ran out back in the queue (or `failed` once their attempts are used up).
   * Finds them with a plain read, then changes them with an UPDATE that re-checks the lease, so a row
   * finished in between is left alone.
   */
  async reap(now = new Date(), limit = 1000): Promise<number> {
    const at = toSqlTime(now);
    const find = selectExpiredSql(at, limit);
    const expired: Array<{ id: number | string }> = await this.db.query(find.sql, find.params);
    if (!expired.length) return 0;
    const s = reapSql(expired.map((r) => Number(r.id)), this.opts.maxAttempts, at);
    return this.transaction(async (m) => Number((await m.queryRunner!.query(s.sql, s.params, true)).affected ?? 0));
  }
}
