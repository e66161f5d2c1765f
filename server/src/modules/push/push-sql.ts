import type { EntityManager } from 'typeorm';

/**
 * The few places where push SQL differs between MySQL/MariaDB and SQLite, and a statement runner
 * that reports affected rows on both drivers.
 */
export const isMysql = (m: EntityManager): boolean => m.connection.options.type === 'mysql';

/** `prefix || id` as SQL text (CONCAT on MySQL, `||` on SQLite); `prefix` is a bound parameter. */
export const concatSql = (m: EntityManager, param: string, column: string): string =>
  isMysql(m) ? `CONCAT(${param}, ${column})` : `(${param} || ${column})`;

/**
 * The tail of an INSERT that skips rows whose unique key already exists — and only those (unlike
 * INSERT IGNORE, which would also swallow truncation and NOT NULL errors on MySQL).
 */
export const skipDuplicates = (m: EntityManager, table: string, conflictColumn: string): string =>
  isMysql(m) ? `ON DUPLICATE KEY UPDATE ${table}.id = ${table}.id` : `ON CONFLICT(${conflictColumn}) DO NOTHING`;

/** Runs a write statement inside `m`'s transaction (or on its own) and returns the rows it changed. */
export async function execute(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return Number(result.affected ?? 0);
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}
