/**
 * Driver error codes that mean the database cannot be used right now — the server is down,
 * restarting or refusing connections — rather than that the statement was wrong. mysql2 marks every
 * connection-level failure `fatal: true` (connect ECONNREFUSED, read ECONNRESET, "Connection lost",
 * "Can't add new command when connection is in closed state"); these are the server's own answers
 * while it shuts down or is full, and SQLite's "still locked after busy_timeout".
 */
const UNAVAILABLE_CODES = new Set(['ER_SERVER_SHUTDOWN', 'ER_CONNECTION_KILLED', 'ER_CON_COUNT_ERROR', 'ER_TOO_MANY_USER_CONNECTIONS', 'SQLITE_BUSY']);

interface DriverLikeError {
  code?: unknown;
  fatal?: unknown;
  driverError?: unknown;
}

/**
 * True when `err` (a driver error, or TypeORM's QueryFailedError wrapping one) says the database is
 * unreachable or unavailable: the request may succeed if retried later (503 DATABASE_UNAVAILABLE).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 2) return false;
  const e = err as DriverLikeError;
  if (e.fatal === true) return true;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  return e.driverError !== err && isDatabaseUnavailable(e.driverError, depth + 1);
}
