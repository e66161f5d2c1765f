/**
 * The dispatcher's SQL on `push_outbox`, per dialect. Times are parameters in the
 * 'YYYY-MM-DD HH:MM:SS.mmm' UTC form both databases compare correctly (see toSqlTime).
 *
 * Claiming rides the index ix_push_outbox_claim (status, next_attempt_at, id): `status = 'queued'
 * AND next_attempt_at <= now ORDER BY next_attempt_at, id LIMIT n` is one index range read in order.
 * On MySQL/MariaDB the read takes row locks with `FOR UPDATE SKIP LOCKED`, so concurrent workers
 * each get different rows without waiting on one another; on SQLite the claim runs in the single
 * writer's transaction (one consumer).
 *
 * Every change to a claimed row is conditional on `status = 'sending' AND worker_id = <claim token>`:
 * the token is unique per claim, so a worker whose lease ran out (and whose rows were reaped and
 * claimed again, possibly by itself) cannot overwrite the newer claim's result.
 */
export type Dialect = 'mysql' | 'sqlite';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** The columns the dispatcher needs of a claimed row. */
export const CLAIM_COLUMNS = 'id, user_id, openid, template_id, page, data, urgent, attempts, message_type, last_error';

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Due rows, oldest first; on MySQL locked, skipping rows other workers hold. */
export function selectDueSql(dialect: Dialect, now: string, limit: number): Statement {
  const n = Math.max(1, Math.floor(limit));
  const lock = dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
  return {
    sql:
      `SELECT ${CLAIM_COLUMNS} FROM push_outbox ` +
      `WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ${n}${lock}`,
    params: [now],
  };
}

/**
 * Marks selected rows `sending` under this claim's token and lease. Each claim counts one attempt, so
 * `attempts = 0` means "never claimed": the claim that takes a row's subscribe credit.
 */
export function markSendingSql(ids: readonly number[], token: string, leaseUntil: string, now: string): Statement {
  return {
    sql:
      `UPDATE push_outbox SET status = 'sending', attempts = attempts + 1, worker_id = ?, lease_until = ?, updated_at = ? ` +
      `WHERE id IN (${marks(ids.length)}) AND status = 'queued'`,
    params: [token, leaseUntil, now, ...ids],
  };
}

/** Quiet hours: pushes due rows to the end of the window (no attempt counted, no lease). */
export function deferSql(ids: readonly number[], until: string, now: string): Statement {
  return {
    sql: `UPDATE push_outbox SET next_attempt_at = ?, updated_at = ? WHERE id IN (${marks(ids.length)}) AND status = 'queued'`,
    params: [until, now, ...ids],
  };
}

/** `CASE id WHEN ? THEN ? … END` over per-row values. */
function caseById(pairs: ReadonlyArray<readonly [number, unknown]>): Statement {
  return { sql: `CASE id ${pairs.map(() => 'WHEN ? THEN ?').join(' ')} END`, params: pairs.flatMap(([id, v]) => [id, v]) };
}

const guard = (ids: readonly number[], token: string): Statement => ({
  sql: `WHERE id IN (${marks(ids.length)}) AND status = 'sending' AND worker_id = ?`,
  params: [...ids, token],
});

/** Sent: keep each row's msgid (a string). */
export function markSentSql(rows: ReadonlyArray<{ id: number; msgid: string }>, token: string, now: string): Statement {
  const ids = rows.map((r) => r.id);
  const msgid = caseById(rows.map((r) => [r.id, r.msgid] as const));
  const where = guard(ids, token);
  return {
    sql: `UPDATE push_outbox SET status = 'sent', msgid = ${msgid.sql}, sent_at = ?, lease_until = NULL, last_error = NULL, updated_at = ? ${where.sql}`,
    params: [...msgid.params, now, now, ...where.params],
  };
}

/** Refused or failed for good, each with its error. */
export function markFinalSql(status: 'refused' | 'failed', rows: ReadonlyArray<{ id: number; error: string }>, token: string, now: string): Statement {
  const ids = rows.map((r) => r.id);
  const error = caseById(rows.map((r) => [r.id, r.error] as const));
  const where = guard(ids, token);
  return {
    sql: `UPDATE push_outbox SET status = '${status}', last_error = ${error.sql}, lease_until = NULL, updated_at = ? ${where.sql}`,
    params: [...error.params, now, ...where.params],
  };
}

/**
 * Back to the queue with each row's next attempt time and error; the lease and token are cleared.
 * `uncharged` (WeChat was down, the claim is not counted — WechatGate): the claim's attempt is taken
 * back, but never below 1, since a row with `attempts = 0` would take a second subscribe credit.
 */
export function markRetrySql(
  rows: ReadonlyArray<{ id: number; nextAttemptAt: string; error: string }>,
  token: string,
  now: string,
  opts: { uncharged?: boolean } = {},
): Statement {
  const ids = rows.map((r) => r.id);
  const next = caseById(rows.map((r) => [r.id, r.nextAttemptAt] as const));
  const error = caseById(rows.map((r) => [r.id, r.error] as const));
  const where = guard(ids, token);
  const refund = opts.uncharged ? 'attempts = CASE WHEN attempts > 1 THEN attempts - 1 ELSE attempts END, ' : '';
  return {
    sql:
      `UPDATE push_outbox SET status = 'queued', ${refund}next_attempt_at = ${next.sql}, last_error = ${error.sql}, ` +
      `worker_id = NULL, lease_until = NULL, updated_at = ? ${where.sql}`,
    params: [...next.params, ...error.params, now, ...where.params],
  };
}

/**
 * Gives rows back untried (stopping, or a send that could no longer finish inside the lease), due at
 * once. `attempts` stays: it counts claims, and a row claimed before holds its credit already (the
 * next claim must not take another).
 */
export function releaseSql(ids: readonly number[], token: string, now: string): Statement {
  const where = guard(ids, token);
  return {
    sql: `UPDATE push_outbox SET status = 'queued', next_attempt_at = ?, worker_id = NULL, lease_until = NULL, updated_at = ? ${where.sql}`,
    params: [now, now, ...where.params],
  };
}

/** Rows whose lease has run out (a plain read: no locks). */
export function selectExpiredSql(now: string, limit: number): Statement {
  return {
    sql: `SELECT id, attempts FROM push_outbox WHERE status = 'sending' AND lease_until <= ? ORDER BY id LIMIT ${Math.max(1, Math.floor(limit))}`,
    params: [now],
  };
}

/**
 * The reaper: expired rows go back to the queue, due now — or to `failed` when they have used up
 * their attempts (a row that kills its worker every time must not kill workers forever). Still
 * conditional on the lease having run out, so a row completed meanwhile is left alone.
 */
export function reapSql(ids: readonly number[], maxAttempts: number, now: string): Statement {
  return {
    sql:
      `UPDATE push_outbox SET ` +
      `status = CASE WHEN attempts >= ? THEN 'failed' ELSE 'queued' END, ` +
      `last_error = 'lease expired: the worker stopped while sending', ` +
      `next_attempt_at = ?, worker_id = NULL, lease_until = NULL, updated_at = ? ` +
      `WHERE id IN (${marks(ids.length)}) AND status = 'sending' AND lease_until <= ?`,
    params: [maxAttempts, now, now, ...ids, now],
  };
}

/** The earliest time a queued row becomes due, and whether any row is being sent (drain's test). */
export function pendingSql(): Statement {
  return {
    sql:
      `SELECT (SELECT MIN(next_attempt_at) FROM push_outbox WHERE status = 'queued') AS next_due, ` +
      `(SELECT MIN(lease_until) FROM push_outbox WHERE status = 'sending') AS next_lease_end, ` +
      `(SELECT COUNT(*) FROM push_outbox WHERE status = 'sending') AS sending`,
    params: [],
  };
}
