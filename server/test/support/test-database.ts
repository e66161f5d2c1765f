import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** Where the MySQL/MariaDB e2e run creates its throwaway databases (needs CREATE/DROP on `sunboard_t_%`). */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

let counter = 0;

export interface TestDatabase {
  /** DATABASE_URL for the server under test. */
  url: string;
  kind: 'mysql' | 'sqlite';
  drop(): Promise<void>;
}

/** A fresh, empty database of the kind this jest project runs on (TEST_DB=sqlite|mysql). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sunboard-e2e-'));
    return { kind, url: `sqlite:${join(dir, 'test.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sunboard_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = await connectAdmin();
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const base = new URL(TEST_MYSQL_URL);
  base.pathname = `/${name}`;
  return {
    kind,
    url: base.toString(),
    drop: async () => {
      const c = await connectAdmin();
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

async function connectAdmin() {
  try {
    return await createConnection({ uri: TEST_MYSQL_URL, connectTimeout: 5000 });
  } catch (err) {
    throw new Error(
      `MariaDB/MySQL is not reachable at ${TEST_MYSQL_URL} (${(err as Error).message}). ` +
        'Start it (see README: Tests) or set TEST_MYSQL_URL.',
    );
  }
}
