import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../config/env.schema';
import { buildDataSourceOptions } from '../../database/database-options';
import { serializeSqliteTransactions } from '../../database/sqlite-transactions';
import { keyCensus, rotateDataKey, RotationError } from './data-key-rotation';
import { FieldCipher } from './field-cipher';

/**
 * `npm run db:rotate-data-key` (node server/dist/common/crypto/rotate-data-key.cli.js): re-encrypts
 * every encrypted column of the database the environment names with DATA_KEY, reading old values
 * with the keys in DATA_KEYS_OLD. Safe to run while servers are up (they must already have the new
 * DATA_KEY) and safe to run again. `--check` only counts values per key; `--batch=N` sets the batch
 * size (default 500). Exit codes: 0 every value is under DATA_KEY, 2 some values are not (as --check
 * reports before a rotation), 1 failed (e.g. a value no configured key reads), 64 bad arguments,
 * 75 migrations pending, 78 bad settings. docs/security.md, "Key rotation".
 */
async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const batchArg = argv.find((a) => a.startsWith('--batch='));
  const batchSize = batchArg ? Number(batchArg.slice('--batch='.length)) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10000) {
    process.stderr.write('--batch must be a whole number from 1 to 10000\n');
    return 64;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 78;
    }
    throw err;
  }
  const cipher = new FieldCipher(config.dataKey, config.dataKeysOld);
  const db = serializeSqliteTransactions(await new DataSource(buildDataSourceOptions(config)).initialize());
  try {
    if (await db.showMigrations()) {
      process.stderr.write('The database has migrations that have not run; start the server (or `npm run db:migrate`) first.\n');
      return 75;
    }
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`current data key id: ${cipher.currentKeyId}`);
    if (!check) {
      const result = await rotateDataKey(db, cipher, {
        batchSize,
        onProgress: (p) => say(`  ${p.table}: ${p.scanned} rows read, ${p.rotated} values re-encrypted (up to id ${p.lastKey})`),
      });
      for (const t of result.tables) say(`${t.table}: ${t.scanned} rows read, ${t.rotated} values re-encrypted, ${t.skipped} changed meanwhile (left as written)`);
    }
    const census = await keyCensus(db);
    let old = 0;
    for (const [column, counts] of Object.entries(census)) {
      const parts = Object.entries(counts).map(([id, n]) => `${id === cipher.currentKeyId ? `${id} (current)` : id}: ${n}`);
      say(`${column}: ${parts.length ? parts.join(', ') : 'no values'}`);
      old += Object.entries(counts).reduce((n, [id, c]) => n + (id === cipher.currentKeyId ? 0 : c), 0);
    }
    say(old ? `${old} values are still under an old key` : 'every value is under the current key: the old keys may leave DATA_KEYS_OLD (keep them with the backups that need them)');
    return old ? 2 : 0;
  } catch (err) {
    if (err instanceof RotationError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`key rotation failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
