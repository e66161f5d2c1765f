import { DataSource } from 'typeorm';
import { serializeSqliteTransactions } from './sqlite-transactions';
import { inTransaction } from './transaction';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('transactions on SQLite', () => {
  let db: DataSource;

  beforeEach(async () => {
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await db.initialize();
    await db.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  });
  afterEach(() => db.destroy());

  const rows = async () => (await db.query('SELECT v FROM t ORDER BY id')).map((r: { v: string }) => r.v);

  it('shows why it exists: two plain TypeORM transactions in flight on better-sqlite3 ruin each other', async () => {
    const a = db.transaction(async (tx) => {
      await tx.query("INSERT INTO t (v) VALUES ('A')");
      await sleep(20);
    });
    const b = db.transaction(async (tx) => {
      await sleep(5);
      await tx.query("INSERT INTO t (v) VALUES ('B')");
      await sleep(40);
      throw new Error('B fails');
    });
    const settled = await Promise.allSettled([a, b]);
    // A did nothing wrong, yet it does not end up committed on its own.
    expect(settled[0].status === 'fulfilled' && (await rows()).join() === 'A').toBe(false);
  });

  it('runs overlapping transactions one after another once serialised: a failure rolls back only its own work', async () => {
    serializeSqliteTransactions(db);
    const a = inTransaction(db, async (tx) => {
      await tx.query("INSERT INTO t (v) VALUES ('A')");
      await sleep(20);
      return 'a';
    });
    const b = inTransaction(db, async (tx) => {
      await sleep(5);
      await tx.query("INSERT INTO t (v) VALUES ('B')");
      await sleep(20);
      throw new Error('B fails');
    });
    const c = inTransaction(db, async (tx) => {
      await tx.query("INSERT INTO t (v) VALUES ('C')");
      return 'c';
    });
    const settled = await Promise.allSettled([a, b, c]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await rows()).toEqual(['A', 'C']);
  });
});

describe('serialised SQLite transactions', () => {
  it('also queue plain db.transaction and db.manager.transaction callers, and allow nesting', async () => {
    const db = serializeSqliteTransactions(await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize());
    await db.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const a = db.transaction(async (tx) => {
      await tx.query("INSERT INTO t (v) VALUES ('A')");
      await tx.transaction(async (inner) => inner.query("INSERT INTO t (v) VALUES ('A2')"));
      await sleep(15);
    });
    const b = db.manager.transaction(async (tx) => {
      await tx.query("INSERT INTO t (v) VALUES ('B')");
      await sleep(5);
      throw new Error('B fails');
    });
    const settled = await Promise.allSettled([a, b]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
    expect((await db.query('SELECT v FROM t ORDER BY id')).map((r: { v: string }) => r.v)).toEqual(['A', 'A2']);
    await db.destroy();
  });
});
