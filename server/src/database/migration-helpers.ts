import type { QueryRunner, TableColumnOptions } from 'typeorm';

/** True on MySQL/MariaDB, false on SQLite: the only place migrations branch on the driver. */
export function isMysql(queryRunner: QueryRunner): boolean {
  return queryRunner.connection.driver.options.type === 'mysql';
}

export function idColumn(): TableColumnOptions {
  return { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
}

/** A millisecond-precision UTC timestamp; `now` gives it the database's current time as default. */
export function timeColumn(queryRunner: QueryRunner, name: string, opts: { nullable?: boolean; now?: boolean } = {}): TableColumnOptions {
  const mysql = isMysql(queryRunner);
  return {
    name,
    type: 'datetime',
    precision: mysql ? 3 : undefined,
    isNullable: opts.nullable ?? false,
    default: opts.now ? (mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))") : undefined,
  };
}

export function textColumn(queryRunner: QueryRunner, name: string, opts: { nullable?: boolean; long?: boolean } = {}): TableColumnOptions {
  return { name, type: isMysql(queryRunner) ? (opts.long ? 'mediumtext' : 'text') : 'text', isNullable: opts.nullable ?? false };
}

export function boolColumn(name: string, dflt = false): TableColumnOptions {
  return { name, type: 'boolean', isNullable: false, default: dflt ? 1 : 0 };
}
