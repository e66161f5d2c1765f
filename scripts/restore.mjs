#!/usr/bin/env node
// `npm run db:restore -- <backup file> [--database-url <url>] [--replace]`: loads a backup made by
// scripts/backup.mjs into the database the environment names (docs/operations.md, "Backup and restore").
// Stop every Sunboard process that uses the target first (API and --role=worker).
//
// - A SQLite backup (`.sqlite`) is integrity-checked, copied next to the target and renamed over it
//   (the target's stale -wal/-shm files removed first), so the target is either the old file or the
//   whole backup, never a mix.
// - A MySQL/MariaDB backup (`.sql.gz` or `.sql`) is checked whole first (format line, end marker, gzip
//   intact), then loaded statement by statement; the database is created when missing. Each table's row
//   count is compared with the count the backup recorded.
//
// A target that already has tables is refused unless --replace is given (which drops them first). The
// safest restore goes into a new database or file, checked, and then named in DATABASE_URL.
// Exit codes: 0 restored, 1 failed, 2 refused (target not empty, or the backup is damaged), 64 bad arguments.
import { closeSync, copyFileSync, createReadStream, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { argValue, databaseTarget, MYSQL_BACKUP_FORMAT, positionals } from './lib/database-target.mjs';

const require = createRequire(import.meta.url);

class Refusal extends Error {}

/** 'sqlite' for an SQLite file, 'sql.gz' / 'sql' for a logical dump, by the first bytes. */
function kindOf(file) {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(64);
    const n = readSync(fd, head, 0, 64, 0);
    if (head.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'sql.gz';
    if (head.subarray(0, n).toString('utf8').startsWith(MYSQL_BACKUP_FORMAT)) return 'sql';
    return null;
  } finally {
    closeSync(fd);
  }
}

function lines(file, gz) {
  const input = createReadStream(file);
  return createInterface({ input: gz ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
}

/** Per-table row counts of an SQLite file, after its integrity check. */
function sqliteCounts(Database, file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Refusal(`${file} fails SQLite's integrity check: ${check}`);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get()]));
  } catch (err) {
    if (err instanceof Refusal) throw err;
    throw new Refusal(`${file} is not a readable SQLite database: ${err.message}`);
  } finally {
    db.close();
  }
}

async function restoreSqlite(backup, target, replace) {
  const Database = require('better-sqlite3');
  const expected = sqliteCounts(Database, backup);
  if (!('migrations' in expected)) throw new Refusal(`${backup} is not a Sunboard database (it has no migrations table)`);
  if (existsSync(target)) {
    const db = new Database(target, { readonly: true, fileMustExist: true });
    let tables;
    try {
      tables = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").pluck().get();
    } finally {
      db.close();
    }
    if (tables > 0 && !replace) throw new Refusal(`${target} already has ${tables} tables; restore into a new file, or add --replace to overwrite it`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const staged = `${target}.restoring`;
  copyFileSync(backup, staged);
  try {
    sqliteCounts(Database, staged);
    // A stale write-ahead log would be replayed into the restored file: it goes first.
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    renameSync(staged, target);
  } catch (err) {
    rmSync(staged, { force: true });
    throw err;
  }
  const restored = sqliteCounts(Database, target);
  compareCounts(expected, restored);
  return { tables: Object.keys(restored).length, rows: Object.values(restored).reduce((a, b) => a + b, 0) };
}

/** Reads a logical backup through once: format line, end marker, gzip intact; returns the recorded row counts. */
async function checkDump(file, gz) {
  const counts = {};
  let first = null;
  let last = '';
  try {
    for await (const line of lines(file, gz)) {
      if (first === null) first = line;
      if (line.startsWith('-- rows ')) {
        const [, , table, n] = line.split(' ');
        counts[table] = Number(n);
      }
      if (line) last = line;
    }
  } catch (err) {
    throw new Refusal(`${file} is damaged: ${err.message}`);
  }
  if (first !== MYSQL_BACKUP_FORMAT) throw new Refusal(`${file} is not a Sunboard MySQL backup (its first line is not "${MYSQL_BACKUP_FORMAT}")`);
  const end = /^-- end (\d+) tables (\d+) rows$/.exec(last);
  if (!end) throw new Refusal(`${file} is incomplete: its end marker is missing (was the backup interrupted?)`);
  if (Number(end[1]) !== Object.keys(counts).length) throw new Refusal(`${file} is inconsistent: it names ${end[1]} tables but holds ${Object.keys(counts).length}`);
  return counts;
}

async function restoreMysql(backup, url, gz, replace) {
  const mysql = require('mysql2/promise');
  const expected = await checkDump(backup, gz);
  if (!('migrations' in expected)) throw new Refusal(`${backup} is not a Sunboard database (it has no migrations table)`);
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  u.pathname = '/';
  const conn = await mysql.createConnection({ uri: u.toString(), charset: 'utf8mb4_unicode_ci', multipleStatements: false });
  const id = (name) => `\`${String(name).replace(/`/g, '``')}\``;
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${id(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.query(`USE ${id(database)}`);
    const [existing] = await conn.query('SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [database]);
    if (existing.length && !replace) throw new Refusal(`${database} already has ${existing.length} tables; restore into a new database, or add --replace to drop them first`);
    if (existing.length) {
      await conn.query('SET foreign_key_checks = 0');
      for (const t of existing) await conn.query(`DROP ${t.type === 'VIEW' ? 'VIEW' : 'TABLE'} ${id(t.name)}`);
      await conn.query('SET foreign_key_checks = 1');
    }
    let n = 0;
    try {
      for await (const line of lines(backup, gz)) {
        if (!line || line.startsWith('--')) continue;
        await conn.query(line);
        n++;
      }
    } catch (err) {
      throw new Error(`statement ${n + 1} failed: ${err.message}. The database ${database} is incomplete: fix the cause and run the restore again with --replace`);
    }
    const restored = {};
    for (const table of Object.keys(expected)) {
      const [[row]] = await conn.query(`SELECT COUNT(*) AS n FROM ${id(table)}`);
      restored[table] = Number(row.n);
    }
    compareCounts(expected, restored);
    return { tables: Object.keys(restored).length, rows: Object.values(restored).reduce((a, b) => a + b, 0) };
  } finally {
    await conn.end();
  }
}

function compareCounts(expected, actual) {
  const wrong = Object.keys(expected).filter((t) => expected[t] !== actual[t]);
  if (wrong.length) throw new Error(`row counts differ from the backup's: ${wrong.map((t) => `${t} ${actual[t]} ≠ ${expected[t]}`).join(', ')}`);
}

async function main(argv) {
  const [file, extra] = positionals(argv, ['database-url']);
  if (argv.includes('--help') || argv.includes('-h') || !file || extra) {
    process.stdout.write('usage: npm run db:restore -- <backup file> [--database-url <url>] [--replace]\n(default target: the database DATABASE_URL / SQLITE_FILE names)\n');
    return file && !extra ? 0 : 64;
  }
  const backup = resolve(file);
  if (!existsSync(backup)) {
    process.stderr.write(`there is no file ${backup}\n`);
    return 64;
  }
  let target;
  try {
    const override = argValue(argv, 'database-url');
    target = databaseTarget(process.env, typeof override === 'string' ? override : undefined);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    return 64;
  }
  const kind = kindOf(backup);
  if (!kind) {
    process.stderr.write(`${backup} is neither a Sunboard SQLite backup nor a MySQL backup\n`);
    return 2;
  }
  if ((kind === 'sqlite') !== (target.kind === 'sqlite')) {
    process.stderr.write(`a ${kind === 'sqlite' ? 'SQLite' : 'MySQL/MariaDB'} backup restores only into a ${kind === 'sqlite' ? 'SQLite' : 'MySQL/MariaDB'} database, and the target is ${target.label}\n`);
    return 64;
  }
  const replace = argv.includes('--replace');
  const started = Date.now();
  try {
    const summary = target.kind === 'sqlite' ? await restoreSqlite(backup, target.file, replace) : await restoreMysql(backup, target.url, kind === 'sql.gz', replace);
    process.stdout.write(`restored ${backup} into ${target.label}\n  ${summary.tables} tables, ${summary.rows} rows, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (err) {
    if (err instanceof Refusal) {
      process.stderr.write(`restore refused: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`restore failed: ${err?.message ?? String(err)}\n`);
    process.exit(1);
  },
);
