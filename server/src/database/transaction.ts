import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<void>>();

/**
 * `db.transaction(fn)`, made safe on SQLite. TypeORM's better-sqlite3 driver runs every query on one
 * shared connection and query runner, so two transactions in flight at once interleave: the second
 * becomes a SAVEPOINT inside the first, and one's rollback or commit ends the other's work. Here
 * transactions on SQLite wait for each other (in this process; SQLite serialises writers anyway).
 * MySQL/MariaDB transactions get their own pooled connection and run concurrently as usual.
 */
export async function inTransaction<T>(db: DataSource, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type === 'mysql') return db.transaction(fn);
  const previous = queues.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  queues.set(
    db,
    previous.then(() => mine),
  );
  await previous;
  try {
    return await db.transaction(fn);
  } finally {
    release();
  }
}
