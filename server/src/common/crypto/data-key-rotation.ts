import type { DataSource } from 'typeorm';
import { ENCRYPTED_COLUMNS, type EncryptedTable } from './encrypted-columns';
import type { FieldCipher } from './field-cipher';

export interface RotationProgress {
  table: string;
  /** Rows read so far in this table, values re-encrypted so far, and the last key walked. */
  scanned: number;
  rotated: number;
  lastKey: number;
}

export interface RotationResult {
  tables: Array<{ table: string; scanned: number; rotated: number; skipped: number }>;
  rotated: number;
}

/** How many stored values each data key encrypted, per `table.column` (the runbook's check before an old key is dropped). */
export type KeyCensus = Record<string, Record<string, number>>;

/** The key id of a stored value (`v1.<keyId>.…`), or null when the value is not FieldCipher output. */
export function keyIdOf(stored: string): string | null {
  const parts = stored.split('.');
  return parts.length === 5 && parts[0] === 'v1' ? parts[1] : null;
}

export class RotationError extends Error {}

/**
 * Re-encrypts every encrypted column with the current data key (docs/security.md, "Key rotation").
 *
 * Walks each table by primary key in batches of `batchSize`, one transaction per batch. A value
 * already under the current key is left alone, so the pass is idempotent, and running it again after
 * an interruption simply finishes the job (it reads the rows done again, and writes nothing to them). Each update
 * is conditional on the value read, so a row written meanwhile by a running server is never
 * overwritten with a stale value. A value no configured key can read stops the pass, naming the row
 * and the key id to add to DATA_KEYS_OLD; nothing of the failing batch is written.
 */
export async function rotateDataKey(
  db: DataSource,
  cipher: FieldCipher,
  opts: { batchSize?: number; onProgress?: (p: RotationProgress) => void } = {},
): Promise<RotationResult> {
  const batchSize = opts.batchSize ?? 500;
  const result: RotationResult = { tables: [], rotated: 0 };
  for (const t of ENCRYPTED_COLUMNS) {
    const done = await rotateTable(db, cipher, t, batchSize, opts.onProgress);
    result.tables.push({ table: t.table, ...done });
    result.rotated += done.rotated;
  }
  return result;
}

async function rotateTable(
  db: DataSource,
  cipher: FieldCipher,
  t: EncryptedTable,
  batchSize: number,
  onProgress?: (p: RotationProgress) => void,
): Promise<{ scanned: number; rotated: number; skipped: number }> {
  const progress: RotationProgress = { table: t.table, scanned: 0, rotated: 0, lastKey: 0 };
  const notNull = t.columns.map((c) => `${c} IS NOT NULL`).join(' OR ');
  const select = `SELECT ${t.key} AS k, ${t.columns.join(', ')} FROM ${t.table} WHERE ${t.key} > ? AND (${notNull}) ORDER BY ${t.key} LIMIT ${batchSize}`;
  let skipped = 0;
  for (;;) {
    const rows: Array<Record<string, unknown>> = await db.query(select, [progress.lastKey]);
    if (!rows.length) break;
    const updates: Array<{ column: string; key: number; from: string; to: string }> = [];
    for (const row of rows) {
      const key = Number(row.k);
      for (const column of t.columns) {
        const value = row[column];
        if (typeof value !== 'string' || !cipher.needsRotation(value)) continue;
        let plain: string;
        try {
          plain = cipher.decrypt(value);
        } catch (err) {
          throw new RotationError(
            `${t.table}.${column} of ${t.key} ${key} cannot be read (key id ${keyIdOf(value) ?? 'none: not an encrypted value'}): ${(err as Error).message}. ` +
              'Add the key that wrote it to DATA_KEYS_OLD and run the rotation again (earlier batches are done; this one wrote nothing).',
          );
        }
        updates.push({ column, key, from: value, to: cipher.encrypt(plain) });
      }
    }
    if (updates.length) {
      await db.transaction(async (tx) => {
        for (const u of updates) {
          // Conditional on the value read: a concurrent write wins (its value is already under the current key).
          const res = await tx.queryRunner!.query(`UPDATE ${t.table} SET ${u.column} = ? WHERE ${t.key} = ? AND ${u.column} = ?`, [u.to, u.key, u.from], true);
          if (res.affected === 0) skipped++;
          else progress.rotated++;
        }
      });
    }
    progress.scanned += rows.length;
    progress.lastKey = Number(rows[rows.length - 1].k);
    onProgress?.({ ...progress });
    if (rows.length < batchSize) break;
  }
  return { scanned: progress.scanned, rotated: progress.rotated, skipped };
}

/** Counts stored values per key id for every encrypted column (`none` for a value that is not FieldCipher output). */
export async function keyCensus(db: DataSource): Promise<KeyCensus> {
  const census: KeyCensus = {};
  for (const t of ENCRYPTED_COLUMNS) {
    for (const column of t.columns) {
      const counts: Record<string, number> = {};
      let last = 0;
      for (;;) {
        const rows: Array<{ k: number | string; v: string }> = await db.query(
          `SELECT ${t.key} AS k, ${column} AS v FROM ${t.table} WHERE ${t.key} > ? AND ${column} IS NOT NULL ORDER BY ${t.key} LIMIT 5000`,
          [last],
        );
        for (const r of rows) {
          const id = keyIdOf(r.v) ?? 'none';
          counts[id] = (counts[id] ?? 0) + 1;
        }
        if (rows.length < 5000) break;
        last = Number(rows[rows.length - 1].k);
      }
      census[`${t.table}.${column}`] = counts;
    }
  }
  return census;
}
