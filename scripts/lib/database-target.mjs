// The database the environment names, read exactly as the server reads it (server/src/config/env.schema.ts):
// DATABASE_URL = mysql://… or mariadb://… (MySQL/MariaDB), sqlite:path (another SQLite file), or unset:
// SQLITE_FILE (default ./data/sunboard.sqlite). Relative paths are relative to the working directory,
// which for `npm run …` is the repository root, as for `npm start`.
import { resolve } from 'node:path';

/** The first line of a MySQL/MariaDB backup (scripts/backup.mjs); restore.mjs checks it. */
export const MYSQL_BACKUP_FORMAT = '-- Sunboard logical backup, format 1';

/**
 * @param {Record<string, string | undefined>} env
 * @param {string | undefined} override a --database-url argument, which wins over the environment
 * @returns {{ kind: 'mysql', url: string, label: string } | { kind: 'sqlite', file: string, label: string }}
 */
export function databaseTarget(env, override) {
  const url = override || env.DATABASE_URL || '';
  if (/^(mysql|mariadb):\/\//.test(url)) {
    const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
    const db = u.pathname.replace(/^\//, '');
    if (!db) throw new Error('DATABASE_URL names no database (mysql://user:pass@host:3306/<database>)');
    return { kind: 'mysql', url: u.toString(), label: `mysql://${u.host}/${db}` };
  }
  if (url && !url.startsWith('sqlite:')) throw new Error('DATABASE_URL must start with mysql://, mariadb:// or sqlite:');
  const file = resolve(url ? url.replace(/^sqlite:(\/\/)?/, '') : env.SQLITE_FILE || './data/sunboard.sqlite');
  return { kind: 'sqlite', file, label: file };
}

/** `--name value` or `--name=value` from argv; `true` for a bare flag; undefined when absent. */
export function argValue(argv, name) {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i];
  if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
  const next = argv[i + 1];
  return next !== undefined && !next.startsWith('--') ? next : true;
}

/** Positional arguments: those that are neither flags nor the value of a flag that takes one. */
export function positionals(argv, valued) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      if (!a.includes('=') && valued.includes(a.slice(2))) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
