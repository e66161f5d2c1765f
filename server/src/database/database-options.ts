import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/env.schema';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * TypeORM options for either database. Schema comes from migrations only: `synchronize` is never on.
 * MySQL/MariaDB stores times in UTC (`timezone: 'Z'`); big numbers come back as strings.
 */
export function buildDataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  } as const;
  if (config.database.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: config.database.url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      bigNumberStrings: true,
      // `trace`: mysql2's promise API (which TypeORM uses) captures a stack trace before every query
      // so a failed query's error points at its caller — about 3% of a feed request's CPU. Kept in
      // development and tests, off in production, where the error's message and SQL state suffice.
      extra: { connectionLimit: config.database.poolSize, connectTimeout: 10000, enableKeepAlive: true, trace: config.nodeEnv !== 'production' },
    };
  }
  const file = config.database.file === ':memory:' ? ':memory:' : resolve(config.database.file);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    // WAL lets readers proceed while the single writer commits; FKs are off by default in SQLite.
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  };
}
