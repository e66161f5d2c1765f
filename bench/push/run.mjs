#!/usr/bin/env node
/**
 * The push benchmark (issue 4, item 11). Not part of `npm test`.
 *
 *   npm run build:server && node bench/push/run.mjs [--smoke] [--residents 100000] [--workers 1,2]
 *                                                    [--latency 5] [--claim 500] [--concurrency 128] [--keep]
 *
 * 1. (re)creates the MariaDB database `sunboard_bench_push` (BENCH_MYSQL_URL, default
 *    mysql://root@127.0.0.1:3306), lets the real server (server/dist, `--role=api`) migrate it and seeds
 *    a district of 120 communities with `residents` residents, each subscribed to their community with
 *    one credit (seed.mjs); starts the fake WeChat in its own process answering subscribe/send after
 *    `latency` ms (fake.mjs);
 * 2. for each worker count (1, then 2): starts that many `node server/dist/main.js --role=worker`
 *    processes, publishes one district-wide notice through the real routes (create → submit → approve:
 *    the approval writes one outbox row and one message-centre item per resident in its transaction),
 *    waits until no row is queued or sending, and prints: the approval's time (the fan-out write),
 *    publish-to-last-send time, messages/s (whole run, and first to last send), p50/p95/p99
 *    publish-to-delivery latency (at the fake), duplicates and losses;
 * 3. the same with the bare reference dispatcher (reference.mjs: raw mysql2 + fetch keep-alive, same
 *    claim size, sends in flight and SQL) in place of the workers, and the ratio;
 * 4. drops the database (unless --keep).
 * --smoke: 5,000 residents. Between runs the outbox and message centre are emptied and every credit
 * restored (at the fake too), so each run starts alike.
 */
import { fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { RESIDENT_PREFIX, seed, STAFF, TEMPLATE } from './seed.mjs';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');
const ROOT = new URL('../../', import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    residents: { type: 'string' },
    workers: { type: 'string', default: '1,2' },
    latency: { type: 'string', default: '5' },
    claim: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '128' },
    poll: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const N = Number(args.residents ?? (args.smoke ? 5000 : 100000));
const WORKER_COUNTS = args.workers.split(',').map(Number);
const LATENCY = Number(args.latency);
const CLAIM = Number(args.claim);
const CONCURRENCY = Number(args.concurrency);
const POLL = Number(args.poll);
const ADMIN_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'sunboard_bench_push';
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const WECHAT = { WECHAT_APPID: 'wx_sunboard_bench', WECHAT_SECRET: 'sunboard-bench-wechat-secret' };

const log = (...a) => console.log(...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/** Starts a child process and resolves when its output matches `ready`. */
function startProcess(name, argv, env, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${out}`)), 60_000);
    const onData = (d) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => {
      out += d.toString();
      if (/error|Error/.test(d.toString())) process.stderr.write(`[${name}] ${d}`);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!ready.test(out)) reject(new Error(`${name} exited (${code}):\n${out}`));
    });
  });
}

function stopProcess(p, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
    p.child.once('exit', () => resolve());
    p.child.kill(signal);
  });
}

/** The fake WeChat child, with an IPC request/response helper. */
async function startFake() {
  const child = fork(new URL('./fake.mjs', import.meta.url).pathname, [], { cwd: ROOT, env: { ...process.env, ...WECHAT }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise((resolve, reject) => {
    child.once('message', (m) => (m.ready ? resolve(m.ready) : reject(new Error(JSON.stringify(m)))));
    child.once('exit', (code) => reject(new Error(`fake exited ${code}`)));
  });
  let next = 0;
  const call = (msg) =>
    new Promise((resolve) => {
      const id = ++next;
      const on = (m) => {
        if (m.id !== id) return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
      child.send({ ...msg, id });
    });
  return { child, url, call };
}

async function json(url, init = {}) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function login(api, fakeUrl, openid) {
  const { code } = await json(`${fakeUrl}/__test/login-code`, { method: 'POST', body: JSON.stringify({ openid }) });
  return (await json(`${api}/api/auth/wechat`, { method: 'POST', body: JSON.stringify({ code }) })).token;
}

let noticeSeq = 0;
/** Create → submit → approve through the real routes; returns when the approval (and its fan-out) committed. */
async function publish(api, tokens, regionId) {
  const auth = (t) => ({ authorization: `Bearer ${t}` });
  const body = {
    title: `关于冬季供暖费缴纳的通知（第${++noticeSeq}批）`,
    body: '<p>各位居民：</p><p>本区将于12月1日起开始供暖，请于11月30日前缴纳供暖费。</p>',
    basis: '《城市供热管理办法》',
    timeLimit: '自信息形成之日起20个工作日内',
    publisher: '平安区人民政府办公室',
    method: 'active',
    channels: ['mini_program', 'notice_board'],
    audience: 'public',
    domain: 'municipal_service',
    category: 'service',
    kind: 'notice',
    regionId,
  };
  const created = await json(`${api}/api/notices`, { method: 'POST', headers: auth(tokens.author), body: JSON.stringify(body) });
  await json(`${api}/api/notices/${created.id}/submit`, { method: 'POST', headers: auth(tokens.author), body: '{}' });
  const t0 = Date.now();
  await json(`${api}/api/notices/${created.id}/approve`, { method: 'POST', headers: auth(tokens.reviewer), body: JSON.stringify({ confidentialityChecked: true }) });
  return { id: created.id, t0, approvedAt: Date.now() };
}

async function main() {
  for (const f of ['server/dist/main.js', 'server/dist/fake-wechat/fake-wechat.js', 'server/dist/modules/push/dispatcher/outbox.sql.js']) {
    if (!existsSync(`${ROOT}${f}`)) throw new Error(`${f} is missing: run \`npm run build:server\` first`);
  }
  log(`Push benchmark: ${fmt(N)} residents, fake WeChat answering after ${LATENCY} ms, claims of ${CLAIM}, ${CONCURRENCY} sends in flight per process`);
  log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`);

  const admin = await mysql.createConnection({ uri: ADMIN_URL });
  await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
  await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();

  const fake = await startFake();
  const common = {
    ...WECHAT,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl,
    WECHAT_API_BASE: fake.url,
    PUSH_QUIET_HOURS: 'off',
    PUSH_RATE_PER_SECOND: '0',
    PUSH_CLAIM_SIZE: String(CLAIM),
    PUSH_CONCURRENCY: String(CONCURRENCY),
    PUSH_POLL_MS: String(POLL),
    DB_POOL_SIZE: '10',
  };
  const api = await startProcess('api', ['server/dist/main.js', '--role=api'], { ...common, PORT: '0', HOST: '127.0.0.1' }, /SUNBOARD_LISTENING port=(\d+)/);
  const apiUrl = `http://127.0.0.1:${api.match[1]}`;
  const pool = mysql.createPool({ uri: dbUrl, connectionLimit: 4, timezone: 'Z' });
  const processes = [api];
  try {
    const { district } = await seed(pool, { residents: N, log });
    const tokens = { author: await login(apiUrl, fake.url, STAFF.author), reviewer: await login(apiUrl, fake.url, STAFF.reviewer) };

    const results = [];
    for (const workers of WORKER_COUNTS) {
      for (const impl of ['sunboard', 'reference']) {
        if (args.only && args.only !== impl) continue;
        // A fresh start: no outbox, no message centre, every credit back (here and at the fake).
        await pool.query('TRUNCATE TABLE push_outbox');
        await pool.query('TRUNCATE TABLE inbox_item');
        await pool.query('UPDATE subscribe_credit SET remaining = 1');
        await fake.call({ cmd: 'clear' });
        await fake.call({ cmd: 'grant', prefix: RESIDENT_PREFIX, count: N, templateId: TEMPLATE, n: 1 });
        await fake.call({ cmd: 'latency', ms: LATENCY });

        const procs = [];
        for (let w = 0; w < workers; w++) {
          procs.push(
            impl === 'sunboard'
              ? await startProcess(`worker${w + 1}`, ['server/dist/main.js', '--role=worker'], common, /SUNBOARD_WORKER_READY/)
              : await startProcess(`reference${w + 1}`, ['bench/push/reference.mjs', dbUrl, fake.url, String(CLAIM), String(CONCURRENCY), String(POLL)], { ...common }, /REFERENCE_READY/),
          );
        }
        processes.push(...procs);
        await sleep(300);

        const notice = await publish(apiUrl, tokens, district.id);
        const deadline = Date.now() + 10 * 60_000;
        for (;;) {
          const [[row]] = await pool.query("SELECT COUNT(*) AS n FROM push_outbox WHERE notice_id = ? AND status IN ('queued', 'sending')", [notice.id]);
          if (Number(row.n) === 0) break;
          if (Date.now() > deadline) throw new Error(`${impl}: ${row.n} rows still pending after 10 minutes`);
          await sleep(100);
        }
        for (const p of procs) await stopProcess(p);
        const [byStatus] = await pool.query('SELECT status, COUNT(*) AS n FROM push_outbox WHERE notice_id = ? GROUP BY status', [notice.id]);
        const status = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
        const s = await fake.call({ cmd: 'summary', since: notice.t0 });
        const total = (s.last - notice.t0) / 1000;
        const r = {
          impl,
          workers,
          approveMs: notice.approvedAt - notice.t0,
          total,
          rate: N / total,
          sendRate: s.delivered / Math.max(0.001, (s.last - s.first) / 1000),
          p50: pct(s.latencies, 50),
          p95: pct(s.latencies, 95),
          p99: pct(s.latencies, 99),
          duplicates: s.duplicates,
          losses: N - s.unique + (N - (status.sent ?? 0) - (status.sending ?? 0) - (status.queued ?? 0) > 0 ? 0 : 0),
          notSent: N - (status.sent ?? 0),
          status,
        };
        results.push(r);
        log(
          `${impl.padEnd(9)} × ${workers}: approve (fan-out of ${fmt(N)}) ${fmt(r.approveMs)} ms · publish→last send ${fmt(r.total, 2)} s · ` +
            `${fmt(r.rate)} msg/s (first→last send ${fmt(r.sendRate)} msg/s) · publish→delivery p50 ${fmt(r.p50 / 1000, 2)} s, p95 ${fmt(r.p95 / 1000, 2)} s, p99 ${fmt(r.p99 / 1000, 2)} s · ` +
            `duplicates ${r.duplicates} · losses ${r.losses} · outbox ${JSON.stringify(status)}`,
        );
      }
    }
    log('\nworkers | Sunboard msg/s | reference msg/s | ratio | Sunboard p95 | duplicates | losses');
    for (const w of WORKER_COUNTS) {
      const a = results.find((r) => r.impl === 'sunboard' && r.workers === w);
      const b = results.find((r) => r.impl === 'reference' && r.workers === w);
      if (!a || !b) continue;
      log(`${w} | ${fmt(a.rate)} (${fmt(a.sendRate)} sending) | ${fmt(b.rate)} (${fmt(b.sendRate)} sending) | ${fmt((a.rate / b.rate) * 100)}% (${fmt((a.sendRate / b.sendRate) * 100)}%) | ${fmt(a.p95 / 1000, 2)} s | ${a.duplicates} | ${a.losses}`);
    }
  } finally {
    for (const p of processes.reverse()) await stopProcess(p);
    fake.child.kill('SIGTERM');
    await pool.end();
    if (!args.keep) {
      const a = await mysql.createConnection({ uri: ADMIN_URL });
      await a.query(`DROP DATABASE IF EXISTS \`${DB}\``);
      await a.end();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
