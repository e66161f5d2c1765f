#!/usr/bin/env node
// `npm run db:backup -- [--out <dir or file>] [--database-url <url>]`: a consistent backup of the
// database the environment names (docs/operations.md, "Backup and restore"), taken while Sunboard runs.
//
// - SQLite: SQLite's online backup API (better-sqlite3 `db.backup()`), which copies a consistent
//   snapshot page by page while the server keeps writing; the copy is integrity-checked and switched
//   to a rollback journal so it is one self-contained file: `sunboard-sqlite-<UTC time>.sqlite`.
// - MySQL/MariaDB: a logical dump through the app's own driver (mysql2), inside one
//   `START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY` (the same guarantee as
//   `mariadb-dump --single-transaction`), written as gzip'd SQL, one statement per line:
//   `sunboard-mysql-<UTC time>.sql.gz`. No client tools needed, and it works against a remote server.
//   The file also loads with `gunzip -c file.sql.gz | mariadb <database>`.
//
// The backup is written to `<file>.partial` and renamed when complete, so a file under the final name is
// always whole. Uploaded files (UPLOAD_DIR) are not in the database: copy them alongside (operations.md).
// Exit codes: 0 written, 1 failed, 2 the output file exists, 64 bad arguments.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { argValue, databaseTarget, MYSQL_BACKUP_FORMAT } from './lib/database-target.mjs';

const require = createRequire(import.meta.url);

/** Rows per INSERT statement stop growing past this many characters. */
const STATEMENT_CHARS = 512 * 1024;

class Refusal extends Error {}

const stamp = (d) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

function outputPath(out, kind, now) {
  const name = `sunboard-${kind}-${stamp(now)}${kind === 'sqlite' ? '.sqlite' : '.sql.gz'}`;
  if (out === undefined || out === true) return resolve('backups', name);
  const p = resolve(out);
  if (out.endsWith('/') || out.endsWith(sep) || (existsSync(p) && statSync(p).isDirectory())) return join(p, name);
  return p;
}

async function backupSqlite(file, dest) {
  const Database = require('better-sqlite3');
  if (!existsSync(file)) throw new Refusal(`there is no SQLite database at ${file}`);
  const src = new Database(file, { fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    await src.backup(dest);
  } finally {
    src.close();
  }
  const copy = new Database(dest);
  try {
    // The copy carries the source's WAL flag; a rollback journal makes it one self-contained file.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy fails SQLite's integrity check: ${check}`);
    const tables = copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    let rows = 0;
    for (const t of tables) rows += copy.prepare(`SELECT COUNT(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get();
    return { tables: tables.length, rows };
  } finally {
    copy.close();
    rmSync(`${dest}-wal`, { force: true });
    rmSync(`${dest}-shm`, { force: true });
  }
}

async function backupMysql(url, dest, label, now) {
  const mysql = require('mysql2');
  const conn = mysql.createConnection({
    uri: url,
    charset: 'utf8mb4_unicode_ci',
    // Values leave the server as text and go back as text: no time zone or precision conversions.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    typeCast: (field, next) => (field.type === 'JSON' ? field.string('utf8') : next()),
  });
  const promised = conn.promise();
  const q = async (sql, params) => (await promised.query(sql, params))[0];
  const id = (name) => `\`${String(name).replace(/`/g, '``')}\``;
  const gz = createGzip();
  const done = pipeline(gz, createWriteStream(dest));
  const write = async (s) => {
    if (!gz.write(s)) await once(gz, 'drain');
  };
  try {
    await q("SET SESSION time_zone = '+00:00'");
    await q('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await q('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const [{ version }] = await q('SELECT VERSION() AS version');
    const objects = await q('SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME');
    // Sunboard's schema has only tables. Anything else would be lost silently, so it stops the backup.
    const triggers = await q('SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()');
    const routines = await q('SELECT ROUTINE_NAME AS name FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()');
    const others = [
      ...objects.filter((o) => o.type !== 'BASE TABLE').map((o) => `${o.type.toLowerCase()} ${o.name}`),
      ...triggers.map((t) => `trigger ${t.name}`),
      ...routines.map((r) => `routine ${r.name}`),
    ];
    if (others.length) throw new Refusal(`the database has objects this backup does not carry (${others.join(', ')}); use mariadb-dump --single-transaction --routines --triggers instead`);
    const tables = objects.map((o) => o.name);

    await write(`${MYSQL_BACKUP_FORMAT}\n-- taken ${now.toISOString()} from ${label} (server ${version}); restore with: npm run db:restore -- <this file>\n`);
    await write("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;\nSET time_zone = '+00:00';\nSET foreign_key_checks = 0;\nSET unique_checks = 0;\nSET sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\n");
    let total = 0;
    for (const table of tables) {
      const [create] = await q(`SHOW CREATE TABLE ${id(table)}`);
      // One statement per line: SHOW CREATE TABLE escapes newlines inside its string literals.
      await write(`${create['Create Table'].replace(/\s*\n\s*/g, ' ')};\n`);
      const columns = await q('SELECT COLUMN_NAME AS name, EXTRA AS extra FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION', [table]);
      // Generated columns are computed again on insert (MySQL 8 marks plain defaults DEFAULT_GENERATED: those stay).
      const insertable = columns.filter((c) => !/\b(VIRTUAL|STORED) GENERATED\b/i.test(c.extra)).map((c) => id(c.name));
      const head = `INSERT INTO ${id(table)} (${insertable.join(', ')}) VALUES `;
      let batch = [];
      let chars = 0;
      let rows = 0;
      const flush = async () => {
        if (batch.length) await write(`${head}${batch.join(',')};\n`);
        batch = [];
        chars = 0;
      };
      const stream = conn.query({ sql: `SELECT ${insertable.join(', ')} FROM ${id(table)}`, rowsAsArray: true }).stream();
      for await (const row of stream) {
        // mysql2's escape: strings quoted with backslash escapes (so no raw newline), Buffers as X'…', NULL.
        const tuple = `(${row.map((v) => conn.escape(v)).join(',')})`;
        batch.push(tuple);
        chars += tuple.length;
        rows++;
        if (chars >= STATEMENT_CHARS) await flush();
      }
      await flush();
      await write(`-- rows ${table} ${rows}\n`);
      total += rows;
    }
    await write(`SET foreign_key_checks = 1;\nSET unique_checks = 1;\n-- end ${tables.length} tables ${total} rows\n`);
    await q('COMMIT');
    gz.end();
    await done;
    return { tables: tables.length, rows: total };
  } catch (err) {
    gz.destroy();
    await done.catch(() => undefined);
    throw err;
  } finally {
    conn.destroy();
  }
}

async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write('usage: npm run db:backup -- [--out <dir or file>] [--database-url <url>]\n(default: ./backups/, the database DATABASE_URL / SQLITE_FILE names)\n');
    return 0;
  }
  const now = new Date();
  let target;
  try {
    target = databaseTarget(process.env, typeof argValue(argv, 'database-url') === 'string' ? argValue(argv, 'database-url') : undefined);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    return 64;
  }
  const out = outputPath(argValue(argv, 'out'), target.kind, now);
  if (existsSync(out)) {
    process.stderr.write(`${out} exists already; choose another --out\n`);
    return 2;
  }
  mkdirSync(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const started = Date.now();
  try {
    const summary = target.kind === 'sqlite' ? await backupSqlite(target.file, partial) : await backupMysql(target.url, partial, target.label, now);
    renameSync(partial, out);
    const size = statSync(out).size;
    process.stdout.write(
      `backup of ${target.label} written: ${out}\n  ${summary.tables} tables, ${summary.rows} rows, ${(size / 1024).toFixed(1)} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } catch (err) {
    rmSync(partial, { force: true });
    if (err instanceof Refusal) {
      process.stderr.write(`backup refused: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`backup failed: ${err?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
