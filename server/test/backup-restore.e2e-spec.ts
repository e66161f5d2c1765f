import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { createConnection } from 'mysql2/promise';
import type { CaseDetailDto, CaseTypeDto } from '@sunboard/shared';
import { multipart } from './support/multipart';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * Issue 8, point 6: `npm run db:backup` / `npm run db:restore` (scripts/backup.mjs, scripts/restore.mjs)
 * on the database of this run's kind. The demo district plus a few writes through the API is backed up
 * while the server runs, restored into a fresh database, and every table compared with the original
 * (row count, content hash, schema); the server then starts on the restored copy and reads it.
 */

/** The little of better-sqlite3 used here (the package ships no types). */
interface SqliteDb {
  prepare(sql: string): { all(): unknown[]; get(): unknown; raw(): { all(): unknown[] } };
  exec(sql: string): void;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string, opts?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteDb;

const ROOT = join(__dirname, '..', '..');
const MYSQL = process.env.TEST_DB === 'mysql';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<name>.mjs as an operator would, with DATABASE_URL naming `url`. */
function script(name: 'backup' | 'restore', args: string[], url: string): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', `${name}.mjs`), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: url },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking this process (the server under test keeps answering). */
function scriptAsync(name: 'backup' | 'restore', args: string[], url: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', `${name}.mjs`), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATABASE_URL: url } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

interface TableDigest {
  rows: number;
  hash: string;
  schema: string;
}

/** A value as text that means the same thing on both sides (binary as hex). */
const canonical = (v: unknown): unknown => (Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : v);

/** Every table's row count, a hash of its rows (order-independent) and its definition, read straight through the driver. */
async function digest(url: string): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  const add = (table: string, rows: unknown[][], schema: string) => {
    const lines = rows.map((r) => JSON.stringify(r.map(canonical))).sort();
    out[table] = { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex'), schema };
  };
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string; sql: string }>;
      const indexes = db.prepare("SELECT tbl_name AS t, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as Array<{ t: string; sql: string }>;
      for (const t of tables) {
        const schema = [t.sql, ...indexes.filter((i) => i.t === t.name).map((i) => i.sql)].join(';\n');
        add(t.name, db.prepare(`SELECT * FROM "${t.name}"`).raw().all() as unknown[][], schema);
      }
    } finally {
      db.close();
    }
    return out;
  }
  const conn = await createConnection({ uri: url, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, charset: 'utf8mb4_unicode_ci' });
  try {
    const [tables] = (await conn.query('SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME')) as unknown as [Array<{ name: string }>];
    for (const { name } of tables) {
      const [[create]] = (await conn.query(`SHOW CREATE TABLE \`${name}\``)) as unknown as [Array<Record<string, string>>];
      const [rows] = (await conn.query({ sql: `SELECT * FROM \`${name}\``, rowsAsArray: true })) as unknown as [unknown[][]];
      add(name, rows, create['Create Table']);
    }
  } finally {
    await conn.end();
  }
  return out;
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const TRICKY_NOTE = `窗口受理：'单引号' "双引号" 反斜杠\\ 百分号% 下划线_ 换行\n第二行\t制表 表情😀 结束`;

describe(`backup and restore (${MYSQL ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  let t: TestApp;
  let sourceUrl: string;
  let dir: string;
  let backupFile: string;
  let restored: TestDatabase;
  let worker: string;
  let caseId: number;
  const cleanups: Array<() => Promise<void>> = [];

  /** A fresh database of this run's kind to restore into: its URL, dropped at the end. */
  async function freshTarget(): Promise<TestDatabase> {
    if (MYSQL) {
      const db = await createTestDatabase();
      // Restore creates the database itself: start from none at all.
      await db.drop();
      cleanups.push(() => db.drop());
      return db;
    }
    const file = join(dir, `restored-${cleanups.length}.sqlite`);
    const db: TestDatabase = { kind: 'sqlite', url: `sqlite:${file}`, drop: async () => rmSync(file, { force: true }) };
    cleanups.push(() => db.drop());
    return db;
  }

  const openCase = async (note: string, phone = '13912345678') => {
    const types = (await t.request<CaseTypeDto[]>('GET', '/api/case-types')).body;
    const [region] = await t.db.query("SELECT id FROM region WHERE name = '光明社区'");
    const res = await t.request<CaseDetailDto>('POST', '/api/cases', {
      token: worker,
      body: { caseTypeId: types.find((x) => x.code === 'dibao')!.id, regionId: Number(region.id), applicant: { name: '王秀兰', phone, idNumber: '410411195003151234' }, note },
    });
    if (res.status !== 201) throw new Error(`open case: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sunboard-backup-'));
    t = await startTestApp({ seedDemo: true });
    sourceUrl = t.config.database.type === 'mysql' ? t.config.database.url : `sqlite:${t.config.database.file}`;
    // A few writes on top of the demo data, through the API: a case (encrypted applicant, awkward text), a resident's
    // name with quotes and an emoji, a masked 公示 table.
    worker = (await t.login('o_demo_grid_guangming')).token;
    caseId = (await openCase(TRICKY_NOTE)).id;
    const resident = await t.login('o_backup_resident');
    expect((await t.request('PATCH', '/api/me', { token: resident.token, body: { displayName: `O'Brien "老王" 🏠` } })).status).toBe(200);
    const { payload, headers } = multipart([{ filename: '名单.xlsx', content: await xlsx([['姓名', '身份证号', '金额'], ['张三', '350102199001010012', 620]]) }], { title: '低保公示' });
    expect((await t.request('POST', '/api/notice-tables/import', { token: worker, payload, headers })).status).toBe(201);
    backupFile = join(dir, MYSQL ? 'sunboard.sql.gz' : 'sunboard.sqlite');
  });
  afterAll(async () => {
    await t?.close();
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while the server runs, restores into a fresh database, and every table matches the original', async () => {
    const backup = await scriptAsync('backup', ['--out', backupFile], sourceUrl);
    // The server answers while the backup runs.
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    expect(backup).toMatchObject({ status: 0, stderr: '' });
    expect(backup.stdout).toContain(`written: ${backupFile}`);
    expect(statSync(backupFile).size).toBeGreaterThan(1000);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);

    restored = await freshTarget();
    const restore = script('restore', [backupFile], restored.url);
    expect(restore).toMatchObject({ status: 0, stderr: '' });

    const original = await digest(sourceUrl);
    const copy = await digest(restored.url);
    expect(Object.keys(copy).sort()).toEqual(Object.keys(original).sort());
    // Sunboard's tables, demo data in them: the comparison is not vacuous.
    expect(Object.keys(original)).toEqual(expect.arrayContaining(['migrations', 'region', 'app_user', 'notice', 'service_case', 'notice_table']));
    expect(original.region.rows).toBeGreaterThan(10);
    expect(original.notice.rows).toBeGreaterThan(5);
    for (const table of Object.keys(original)) expect({ table, ...copy[table] }).toEqual({ table, ...original[table] });
  });

  it('starts the server on the restored copy, which reads it as the original (migrations done, encrypted fields readable)', async () => {
    const r = await startTestApp({ database: restored });
    try {
      const res = await r.request<CaseDetailDto>('GET', `/api/cases/${caseId}`, { token: (await r.login('o_demo_grid_guangming')).token });
      expect(res.status).toBe(200);
      expect(res.body.applicant).toMatchObject({ name: '王秀兰', phoneMasked: '139****5678', idNumberMasked: '41**************34' });
      expect(res.body.events[0].note).toBe(TRICKY_NOTE);
      const [{ n }] = await r.db.query('SELECT COUNT(*) AS n FROM migrations');
      expect(Number(n)).toBe((await digest(sourceUrl)).migrations.rows);
      const me = await r.request('GET', '/api/me', { token: (await r.login('o_backup_resident')).token });
      expect(me.body.displayName).toBe(`O'Brien "老王" 🏠`);
    } finally {
      await r.close();
    }
  });

  it('is a consistent snapshot when cases are opened during the backup', async () => {
    const file = join(dir, MYSQL ? 'busy.sql.gz' : 'busy.sqlite');
    const before = (await digest(sourceUrl)).service_case.rows;
    const running = scriptAsync('backup', ['--out', file], sourceUrl);
    let opened = 0;
    let finished = false;
    void running.then(() => (finished = true));
    while (!finished || opened < 3) {
      await openCase(`忙时受理 ${opened}`, `1380000${String(1000 + opened)}`);
      opened++;
    }
    expect(await running).toMatchObject({ status: 0 });
    const target = await freshTarget();
    expect(script('restore', [file], target.url).status).toBe(0);
    const copy = await digest(target.url);
    const cases = copy.service_case.rows;
    expect(cases).toBeGreaterThanOrEqual(before);
    expect(cases).toBeLessThanOrEqual(before + opened);
    // Each case came with its steps and its 'opened' event in one transaction: the copy has all of them or none.
    const counts = async (sql: string) => {
      if (!MYSQL) {
        const db = new Database(target.url.slice('sqlite:'.length), { readonly: true });
        try {
          return (db.prepare(sql).get() as { n: number }).n;
        } finally {
          db.close();
        }
      }
      const conn = await createConnection({ uri: target.url });
      try {
        const [[row]] = (await conn.query(sql)) as unknown as [Array<{ n: number }>];
        return Number(row.n);
      } finally {
        await conn.end();
      }
    };
    expect(await counts('SELECT COUNT(*) AS n FROM service_case c WHERE (SELECT COUNT(*) FROM case_step s WHERE s.case_id = c.id) <> c.step_count')).toBe(0);
    expect(await counts("SELECT COUNT(*) AS n FROM service_case c WHERE NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.type = 'opened')")).toBe(0);
    expect(await counts("SELECT COUNT(*) AS n FROM case_event e WHERE NOT EXISTS (SELECT 1 FROM service_case c WHERE c.id = e.case_id)")).toBe(0);
  });

  it('refuses a target that has tables, unless --replace, and leaves it untouched', async () => {
    const before = await digest(sourceUrl);
    const refused = script('restore', [backupFile], sourceUrl);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/already has \d+ tables/);
    expect(await digest(sourceUrl)).toEqual(before);

    // --replace over a database that holds other data: afterwards it is the backup, nothing else.
    const target = await freshTarget();
    expect(script('restore', [backupFile], target.url).status).toBe(0);
    const backupDigest = await digest(target.url);
    if (MYSQL) {
      const conn = await createConnection({ uri: target.url });
      await conn.query("UPDATE app_user SET display_name = '被改动' WHERE id = 1");
      await conn.query('CREATE TABLE stray (id INT PRIMARY KEY)');
      await conn.end();
    } else {
      const db = new Database(target.url.slice('sqlite:'.length));
      db.exec("UPDATE app_user SET display_name = '被改动' WHERE id = 1; CREATE TABLE stray (id INTEGER PRIMARY KEY);");
      db.close();
    }
    const replaced = script('restore', [backupFile, '--replace'], target.url);
    expect(replaced).toMatchObject({ status: 0, stderr: '' });
    expect(await digest(target.url)).toEqual(backupDigest);
  });

  it('refuses a damaged or unfinished backup before touching the target', async () => {
    const damaged = join(dir, MYSQL ? 'damaged.sql.gz' : 'damaged.sqlite');
    writeFileSync(damaged, readFileSync(backupFile).subarray(0, Math.floor(statSync(backupFile).size / 2)));
    const target = await freshTarget();
    const r = script('restore', [damaged], target.url);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(MYSQL ? /damaged|incomplete/ : /integrity|not a readable SQLite database/);
    if (MYSQL) {
      const conn = await createConnection({ uri: new URL('/', target.url).toString() });
      const [rows] = (await conn.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [new URL(target.url).pathname.slice(1)])) as unknown as [unknown[]];
      await conn.end();
      expect(rows).toEqual([]);
    } else {
      expect(existsSync(target.url.slice('sqlite:'.length))).toBe(false);
      expect(readdirSync(dir).filter((f) => f.endsWith('.restoring'))).toEqual([]);
    }
    if (MYSQL) {
      // A dump cut at a line boundary (an interrupted copy) lacks its end marker.
      const text = join(dir, 'cut.sql');
      const whole = gunzipSync(readFileSync(backupFile));
      writeFileSync(text, whole.subarray(0, whole.lastIndexOf('\n-- rows ')));
      const cut = script('restore', [text], target.url);
      expect(cut.status).toBe(2);
      expect(cut.stderr).toContain('end marker is missing');
    }
  });

  it('never overwrites an existing backup file', () => {
    const r = script('backup', ['--out', backupFile], sourceUrl);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('exists already');
  });
});
