import type { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM's better-sqlite3 driver runs every query on one shared connection and one shared query
 * runner, so two `transaction()` calls in flight at once interleave: the second becomes a SAVEPOINT
 * inside the first, and one's rollback or commit ends the other's work. This makes the data source's
 * top-level `transaction()` (which `EntityManager.transaction` on `db.manager` also goes through) wait
 * for the one before it, for every caller in the process. MySQL/MariaDB is left alone: each
 * transaction gets its own pooled connection there. Nested transactions (on the `tx` manager) are
 * not queued, so they cannot wait on themselves.
 */
export function serializeSqliteTransactions(db: DataSource): DataSource {
  if (db.options.type !== 'better-sqlite3') return db;
  const manager = db.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<void> = Promise.resolve();
  (manager as { transaction: unknown }).transaction = async (...args: unknown[]) => {
    const previous = tail;
    let release!: () => void;
    tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await original(...args);
    } finally {
      release();
    }
  };
  return db;
}

/** Kept for callers written before the data source was serialised: the same as `db.transaction(fn)`. */
export function inTransaction<T>(db: DataSource, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
