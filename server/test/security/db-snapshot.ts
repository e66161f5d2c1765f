import type { TestApp } from '../support/test-app';

/**
 * Tables left out of "nothing was written": the migrations ledger and the cached WeChat access
 * token (fetched, and stored, by whichever request first needs WeChat — not a write of the request's own).
 */
const IGNORED = new Set(['migrations', 'wechat_token', 'sqlite_sequence']);

const tableLists = new WeakMap<TestApp, string[]>();

/** Every application table of the test database, read from the database itself (so new tables count too). */
export async function applicationTables(t: TestApp): Promise<string[]> {
  const known = tableLists.get(t);
  if (known) return known;
  const rows: Array<{ name: string }> =
    t.db.options.type === 'mysql'
      ? await t.db.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")
      : await t.db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const names = rows.map((r) => r.name).filter((n) => !IGNORED.has(n) && /^[a-z0-9_]+$/.test(n)).sort();
  tableLists.set(t, names);
  return names;
}

/** Row counts of every application table, in one query. */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = await applicationTables(t);
  const q = t.db.options.type === 'mysql' ? '`' : '"';
  const sql = tables.map((name) => `SELECT '${name}' AS name, COUNT(*) AS n FROM ${q}${name}${q}`).join(' UNION ALL ');
  const rows: Array<{ name: string; n: number | string }> = await t.db.query(sql);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

/** The tables whose row count differs between two snapshots, with both counts. */
export function countChanges(before: Record<string, number>, after: Record<string, number>): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[name] !== after[name]) out[name] = [before[name] ?? 0, after[name] ?? 0];
  }
  return out;
}
