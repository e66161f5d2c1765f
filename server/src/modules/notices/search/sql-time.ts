/**
 * Times in raw SQL. Both databases store `datetime(3)` as UTC wall-clock time; TypeORM writes SQLite's
 * as 'YYYY-MM-DD HH:MM:SS.mmm' text, so raw parameters use exactly that form on both (MariaDB reads
 * it as a DATETIME literal), and raw results — a Date from mysql2, that text from SQLite — are read back here.
 */
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function toSqlTime(d: Date): string {
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

export function fromSqlTime(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'string') {
    const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v.replace(' ', 'T') : `${v.replace(' ', 'T')}Z`;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (typeof v === 'number') return new Date(v);
  return null;
}
