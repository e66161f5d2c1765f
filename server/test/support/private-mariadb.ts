import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { TestDatabase } from './test-database';

/** Where Debian's mariadb-server puts the binaries (.ci/run installs it). */
const MARIADBD = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((p) => existsSync(p)) ?? 'mariadbd';
const INSTALL_DB = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((p) => existsSync(p)) ?? 'mariadb-install-db';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Settings shared by the bootstrap and every start: small, and durable as a default server is (flush at every commit). */
const SERVER_FLAGS = ['--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M', '--skip-name-resolve'];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * A MariaDB server of the test's own — its own datadir, port and socket under a temporary
 * directory — that the test may kill and restart at will. The shared server on 3306 is never
 * touched: other engineers' tests use it. `destroy()` (also run on process exit) kills the server
 * and removes the directory.
 */
export class PrivateMariadb {
  readonly dir: string;
  readonly datadir: string;
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly onExit = () => this.proc?.kill('SIGKILL');
  port = 0;

  private constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'sunboard-mariadb-'));
    this.datadir = join(this.dir, 'data');
  }

  /** Initialises a datadir (root@127.0.0.1 without password) and starts the server on a free port. */
  static async create(): Promise<PrivateMariadb> {
    const db = new PrivateMariadb();
    try {
      mkdirSync(db.datadir);
      const r = spawnSync(
        INSTALL_DB,
        ['--no-defaults', `--datadir=${db.datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', `--user=${userInfo().username}`, ...SERVER_FLAGS],
        { encoding: 'utf8', timeout: 120_000 },
      );
      if (r.status !== 0) {
        throw new Error(`${INSTALL_DB} failed (${r.error?.message ?? r.status ?? r.signal}; the faults spec needs mariadb-server installed):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
      }
      db.port = await freePort();
      process.once('exit', db.onExit);
      await db.start();
      return db;
    } catch (err) {
      await db.destroy();
      throw err;
    }
  }

  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.proc !== null;
  }

  /** Starts mariadbd on the datadir and port (crash recovery included) and waits until it accepts connections. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.proc) throw new Error('the private MariaDB is already running');
    const proc = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${this.datadir}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'sock')}`,
        `--pid-file=${join(this.dir, 'mariadbd.pid')}`,
        `--log-error=${join(this.dir, 'error.log')}`,
        `--user=${userInfo().username}`,
        ...SERVER_FLAGS,
      ],
      { stdio: 'ignore' },
    );
    this.proc = proc;
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.proc === proc) this.proc = null;
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.proc !== proc) throw new Error(`mariadbd exited while starting:\n${this.errorLog()}`);
      try {
        const c = await createConnection({ uri: this.url, connectTimeout: 2000 });
        await c.end();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`mariadbd did not accept connections within ${timeoutMs} ms:\n${this.errorLog()}`);
        await sleep(100);
      }
    }
  }

  /** Stops the server with a signal (SIGKILL: a crash; SIGTERM: an orderly shutdown) and waits for it to exit. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    proc.kill(signal);
    await this.exited;
  }

  /** A fresh database on this server, as the e2e harness's TestDatabase (dropped by `drop()`, or with the server). */
  async createDatabase(name: string): Promise<TestDatabase> {
    const admin = await createConnection({ uri: this.url });
    try {
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await admin.end();
    }
    return {
      kind: 'mysql',
      url: `${this.url}/${name}`,
      drop: async () => {
        if (!this.proc) return;
        const c = await createConnection({ uri: this.url });
        try {
          await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
        } finally {
          await c.end();
        }
      },
    };
  }

  /** The tail of the server's error log (for failure messages). */
  errorLog(lines = 30): string {
    const file = join(this.dir, 'error.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no error log)';
  }

  /** Kills the server if it runs and removes its directory. Safe to call more than once. */
  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    process.removeListener('exit', this.onExit);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
