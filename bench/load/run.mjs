#!/usr/bin/env node
/**
 * The sustained-load benchmark (issue 8, point 4). Not part of `npm test`.
 *
 *   npm run build:server && npm run bench:load -- [--smoke] [--duration 300] [--warmup 30]
 *       [--residents 200] [--streets 5] [--notices 20000] [--population 20000] [--comment-budget 2]
 *       [--checkpoint-every 60] [--heap-snapshots <dir>] [--keep]
 *
 * 1. (re)creates the MariaDB database `sunboard_load` (BENCH_MYSQL_URL, default
 *    mysql://root@127.0.0.1:3306), lets the real server migrate it, seeds the feed benchmark's
 *    district with `population` residents and `notices` notices, topics with credits, and staff
 *    (seed.mjs);
 * 2. starts the fake WeChat (fake.mjs) and the real server (server/dist/main.js, NODE_ENV=production,
 *    LOG_LEVEL=warn, its push dispatcher in-process) with a memory probe preloaded (memory-probe.cjs);
 * 3. logs every virtual user in as the app does (a code from the fake, POST /api/auth/wechat), opens
 *    three consultations (the district admin), then runs `residents` virtual residents and
 *    2 × `streets` staff (workload.mjs) for `duration` seconds, the first `warmup` of them a warm-up;
 * 4. samples the server's RSS (/proc), V8 heap (the probe), CPU, and the load average every 5 s, and
 *    takes memory checkpoints right after a full GC (the probe) at the end of the warm-up, every
 *    `checkpoint-every` seconds and 2 s before the end;
 * 5. prints requests per operation, errors by operation and status, throughput, p50/p90/p99/max,
 *    the checkpoints, and whether the aims were met (0 errors; RSS and heap after a full GC grow
 *    less than 10% from the end of the warm-up to the end) — it exits 0 either way;
 * 6. drops the database (unless --keep).
 * --smoke: 30 s (5 s warm-up) on 2,000 notices and 2,000 residents — a quick check.
 */
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { agent, request } from './http.mjs';
import { ADMIN_OPENID, CREDITS_PER_RESIDENT, NOTICE_TEMPLATE, seed } from './seed.mjs';
import { Recorder } from './stats.mjs';
import { gridWorker, resident, reviewer, Run } from './workload.mjs';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');
const ROOT = new URL('../../', import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    residents: { type: 'string', default: '200' },
    streets: { type: 'string', default: '5' },
    notices: { type: 'string' },
    population: { type: 'string' },
    'comment-budget': { type: 'string', default: '2' },
    'checkpoint-every': { type: 'string', default: '60' },
    'heap-snapshots': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const smoke = args.smoke;
const DURATION = Number(args.duration ?? (smoke ? 30 : 300));
const WARMUP = Number(args.warmup ?? (smoke ? 5 : 30));
const RESIDENTS = Number(args.residents);
const STREETS = Number(args.streets);
const NOTICES = Number(args.notices ?? (smoke ? 2000 : 20000));
const POPULATION = Number(args.population ?? (smoke ? 2000 : 20000));
const COMMENT_BUDGET = Number(args['comment-budget']);
const SAMPLE_MS = 5000;
const CHECKPOINT_S = Number(args['checkpoint-every']);
const AIM_GROWTH = 0.1;
if (!(DURATION >= WARMUP + 10 && WARMUP >= 0)) throw new Error('--duration must be at least 10 s longer than --warmup');

const ADMIN_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'sunboard_load';
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const WECHAT = { WECHAT_APPID: 'wx_sunboard_load', WECHAT_SECRET: randomBytes(16).toString('hex') };

const log = (...a) => console.log(...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');
const loadText = () => loadavg().map((x) => x.toFixed(2)).join(' / ');

// ---- processes -----------------------------------------------------------------------------------

/** Every child started, so none outlives the benchmark, however it ends. */
const children = new Set();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/** The server (with the memory probe and an IPC channel); resolves when it listens. */
function startServer(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '-r', join(ROOT, 'bench/load/memory-probe.cjs'), 'server/dist/main.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.add(child);
    const logs = { warn: 0, error: 0, examples: [] };
    let out = '';
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`the server did not start in 120 s:\n${out.slice(-4000)}`)), 120_000);
    const onLine = (line) => {
      // pino JSON lines: count warnings and errors, keep a few messages (never whole lines).
      const m = /"level":(\d+)/.exec(line);
      if (!m) return;
      const level = Number(m[1]);
      if (level >= 50) logs.error++;
      else if (level >= 40) logs.warn++;
      const kept = logs.examples.filter((e) => e.startsWith(level >= 50 ? 'error' : 'warn')).length;
      if (level >= 40 && kept < (level >= 50 ? 8 : 4)) logs.examples.push(summarise(line, level));
    };
    let partial = '';
    const onData = (d) => {
      const text = d.toString();
      if (!ready) {
        out += text;
        const m = /SUNBOARD_LISTENING port=(\d+)/.exec(out);
        if (m) {
          ready = true;
          clearTimeout(timer);
          resolve({ child, url: `http://127.0.0.1:${m[1]}`, logs });
        }
      }
      const lines = (partial + text).split('\n');
      partial = lines.pop();
      lines.forEach(onLine);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`the server exited (${signal ?? code}):\n${out.slice(-4000)}`));
    });
  });
}

/** One pino line in short: level, message, route, and an error's type, code and first words (no values logged). */
function summarise(line, level) {
  try {
    const j = JSON.parse(line);
    const err = j.err ? ` — ${[j.err.type, j.err.code, String(j.err.message ?? '').slice(0, 160)].filter(Boolean).join(' ')}` : '';
    return `${level >= 50 ? 'error' : 'warn'}: ${String(j.msg ?? '').slice(0, 120)}${j.route ? ` (${j.method ?? ''} ${j.route})` : ''}${err}`;
  } catch {
    return `${level >= 50 ? 'error' : 'warn'}: ${line.slice(0, 200)}`;
  }
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The fake WeChat child, with an IPC request/response helper. */
async function startFake() {
  const child = fork(join(ROOT, 'bench/load/fake.mjs'), [], { cwd: ROOT, env: { ...process.env, ...WECHAT }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const url = await new Promise((resolve, reject) => {
    child.once('message', (m) => (m.ready ? resolve(m.ready) : reject(new Error(JSON.stringify(m)))));
    child.once('exit', (code) => reject(new Error(`the fake WeChat exited (${code})`)));
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

// ---- measuring the server ------------------------------------------------------------------------

const TICK = 100; // USER_HZ: clock ticks per second on Linux

function procFigures(pid) {
  try {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rssMb: rss ? Number(rss[1]) / 1024 : NaN, cpuS: (Number(fields[11]) + Number(fields[12])) / TICK };
  } catch {
    return { rssMb: NaN, cpuS: NaN };
  }
}

let probeSeq = 0;
/** One request to the server's memory probe (memory-probe.cjs), matched to its answer by id; null after `timeoutMs`. */
function probe(child, cmd, extra = {}, timeoutMs = 5000) {
  return new Promise((resolve) => {
    const id = ++probeSeq;
    const timer = setTimeout(() => {
      child.off('message', on);
      resolve(null);
    }, timeoutMs);
    const on = (m) => {
      if (m?.id !== id) return;
      clearTimeout(timer);
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    try {
      child.send({ id, cmd, ...extra });
    } catch {
      clearTimeout(timer);
      child.off('message', on);
      resolve(null);
    }
  });
}

/** A heap snapshot (seconds of pause: for looking into growth, not for the figures). */
async function heapSnapshot(child, path) {
  const r = await probe(child, 'snapshot', { path }, 120_000);
  log(`  heap snapshot: ${r?.snapshot ?? 'not written'}`);
}

/** RSS, V8 heap used, CPU seconds of the server, and the load average, now. `gc`: after a full collection. */
async function sample(server, t0, { gc = false } = {}) {
  const answer = await probe(server.child, gc ? 'memory-gc' : 'memory');
  const p = procFigures(server.child.pid);
  const db = dbPid ? procFigures(dbPid) : { cpuS: NaN };
  const heap = answer?.memory;
  return { t: (performance.now() - t0) / 1000, rss: p.rssMb, cpuS: p.cpuS, dbCpuS: db.cpuS, heap: heap ? heap.heapUsed / 2 ** 20 : NaN, load: loadavg()[0], gc: !!answer?.gc };
}

/** The database server's process, when it runs on this machine: its pid file, as the server itself reports it. */
async function findDbPid(conn) {
  try {
    const [[row]] = await conn.query("SHOW VARIABLES LIKE 'pid_file'");
    const pid = Number(readFileSync(row.Value, 'utf8').trim());
    return /^(mariadbd|mysqld)$/.test(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()) ? pid : null;
  } catch {
    return null; // elsewhere, or not readable: its CPU is not reported
  }
}
let dbPid = null;

// ---- logging in and setting up ---------------------------------------------------------------------

async function json(url, init = {}) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Logs a user in as the app does: a wx.login code (from the fake), then POST /api/auth/wechat from the user's own address. */
async function login(api, fakeUrl, rec, user) {
  const { code } = await json(`${fakeUrl}/__test/login-code`, { method: 'POST', body: JSON.stringify({ openid: user.openid }) });
  const r = await rec.call('login', api, 'POST', '/api/auth/wechat', { ip: user.ip, body: { code } });
  if (!r.ok) throw new Error(`login of ${user.openid} failed: ${r.status} ${r.text.slice(0, 300)}`);
  user.token = r.body.token;
}

async function inBatches(items, size, fn) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** Three consultations open now for the whole district (the admin's setup, not measured). */
async function openConsultations(api, admin, districtId) {
  const ids = [];
  const titles = ['平安区老旧小区改造实施方案（征求意见稿）', '平安区养老服务补贴发放办法（征求意见稿）', '平安区生活垃圾分类管理规定（征求意见稿）'];
  for (const title of titles) {
    const now = new Date();
    const closes = new Date(now.getTime() + 45 * 86_400_000);
    const r = await request(api, 'POST', '/api/consultations', {
      token: admin.token,
      ip: admin.ip,
      body: {
        title,
        summary: '为广泛听取居民意见，现将草案全文公布，欢迎提出意见和建议。',
        basis: '《重大行政决策程序暂行条例》',
        publisher: '平安区人民政府办公室',
        contact: '0371-12345678',
        type: 'major_decision',
        domain: 'municipal_service',
        regionId: districtId,
        opensAt: now.toISOString(),
        closesAt: closes.toISOString(),
        draftText: [
          '第一条 为了规范相关工作，保障居民合法权益，制定本办法。',
          '第二条 本办法适用于本区行政区域内的相关工作。',
          '第三条 街道办事处、乡镇人民政府负责组织实施，社区居民委员会、村民委员会协助做好相关工作。',
          '第四条 有关部门应当按照规定公开办理流程、办理时限和监督电话。',
          '第五条 本办法自发布之日起施行。',
        ].join('\n'),
      },
    });
    if (!r.ok) throw new Error(`opening a consultation failed: ${r.status} ${r.text.slice(0, 300)}`);
    ids.push(r.body.id);
  }
  return ids;
}

// ---- the run -------------------------------------------------------------------------------------

async function main() {
  for (const f of ['server/dist/main.js', 'server/dist/fake-wechat/fake-wechat.js', 'server/dist/modules/notices/search/notice-search-document.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build:server\` first`);
  }
  log(`Sunboard sustained load — ${smoke ? 'SMOKE: ' : ''}${RESIDENTS} residents + ${2 * STREETS} staff for ${DURATION} s (warm-up ${WARMUP} s) on ${fmt(NOTICES)} notices, ${fmt(POPULATION)} residents in the database`);
  log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}; the load generator, the fake WeChat, the server and MariaDB share it`);
  log(`load average before (1 / 5 / 15 min): ${loadText()}`);

  const admin = await mysql.createConnection({ uri: ADMIN_URL });
  const [[{ v }]] = await admin.query('SELECT VERSION() AS v');
  log(`database: MariaDB/MySQL ${v}, database \`${DB}\``);
  dbPid = await findDbPid(admin);
  await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
  await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();

  const uploadDir = mkdtempSync(join(tmpdir(), 'sunboard-load-uploads-'));
  let fake;
  let server;
  let conn;
  try {
    fake = await startFake();
    const serverEnv = {
      ...WECHAT,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: dbUrl,
      DB_POOL_SIZE: '10',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      H5_DIR: '',
      UPLOAD_DIR: uploadDir,
      WECHAT_API_BASE: fake.url,
      JWT_SECRET: randomBytes(24).toString('hex'),
      DATA_KEY: randomBytes(32).toString('base64'),
      // As behind nginx (docs/operations.md): the per-address login limit sees each resident's address.
      TRUST_PROXY: 'true',
      // Pushes go out whatever the hour the benchmark runs at (otherwise 22:00–07:00 holds them).
      PUSH_QUIET_HOURS: 'off',
    };
    log('settings beyond production defaults: TRUST_PROXY=true (each virtual user sends its own X-Forwarded-For), PUSH_QUIET_HOURS=off; no rate limit raised');

    log('migrating (the server runs its migrations on start)…');
    await stopChild((await startServer(serverEnv)).child);

    conn = await mysql.createConnection({ uri: dbUrl, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
    log('seeding…');
    const seeded = await seed(conn, { notices: NOTICES, residents: POPULATION, virtualResidents: RESIDENTS, streets: STREETS, log });
    await fake.call({ cmd: 'grant', openids: seeded.subscribedOpenids, templateId: NOTICE_TEMPLATE, n: CREDITS_PER_RESIDENT });

    server = await startServer(serverEnv);
    const api = server.url;
    log(`server ${api} (pid ${server.child.pid}), fake WeChat ${fake.url}`);

    const rec = new Recorder();
    const residents = seeded.virtual.map((v, i) => ({ ...v, ip: `10.1.${i >> 8}.${(i & 255) + 1}`, token: null, seen: [], comments: 0 }));
    const staff = seeded.staff.map((s, i) => ({
      ...s,
      ip: `10.2.0.${i + 1}`,
      token: null,
      cases: [],
      communities: seeded.regions.filter((r) => r.parentId === s.street.id),
      applicants: residents.filter((r) => r.homePath.startsWith(s.street.path)),
    }));
    const adminUser = { openid: ADMIN_OPENID, ip: '10.3.0.1', token: null };
    const t0Login = performance.now();
    await inBatches([...residents, ...staff, adminUser], 20, (u) => login(api, fake.url, rec, u));
    log(`logged in ${residents.length + staff.length + 1} users in ${((performance.now() - t0Login) / 1000).toFixed(1)} s`);
    const consultations = await openConsultations(api, adminUser, seeded.district.id);
    const types = await request(api, 'GET', '/api/case-types', { token: adminUser.token, ip: adminUser.ip });
    const dibao = types.ok ? (types.body.items ?? types.body).find((t) => t.name === '低保申请') : null;
    if (!dibao) throw new Error(`no 低保申请 case type: ${types.status} ${types.text.slice(0, 200)}`);
    const [[{ maxNotice }]] = await conn.query('SELECT MAX(id) AS maxNotice FROM notice');
    log(`consultations open: ${consultations.join(', ')}; case type 低保申请 = ${dibao.id}`);

    // ---- run ----
    const t0 = performance.now();
    rec.measureFrom = t0 + WARMUP * 1000;
    rec.measureTo = t0 + DURATION * 1000;
    const run = new Run({ api, recorder: rec, endAt: rec.measureTo, consultations, caseTypeId: dibao.id, commentBudget: COMMENT_BUDGET });
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const samples = [await sample(server, t0)];
    // Checkpoints, each right after a full collection, all while the load runs: at the end of the
    // warm-up and 2 s before the end (the two the aim compares), and every CHECKPOINT_S between them.
    const checkpoints = [];
    const times = [WARMUP];
    for (let at = WARMUP + CHECKPOINT_S; at < DURATION - 2 - CHECKPOINT_S / 2; at += CHECKPOINT_S) times.push(at);
    times.push(DURATION - 2);
    let failure = null; // of the sampling beside the load: thrown once the load has stopped
    const checkpointsDone = (async () => {
      for (const at of times) {
        await sleep(at * 1000 - (performance.now() - t0));
        const c = await sample(server, t0, { gc: true });
        checkpoints.push(c);
        if (args['heap-snapshots'] && (at === times[0] || at === times.at(-1))) await heapSnapshot(server.child, join(args['heap-snapshots'], `sunboard-t${at}.heapsnapshot`));
        log(`  checkpoint t=${c.t.toFixed(0)} s (after a full GC): RSS ${c.rss.toFixed(0)} MB, heap ${c.heap.toFixed(1)} MB`);
      }
    })().catch((err) => (failure ??= err));
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await sleep(SAMPLE_MS - ((performance.now() - t0) % SAMPLE_MS));
        if (!sampling) break;
        const s = await sample(server, t0);
        samples.push(s);
        process.stdout.write(`  t=${s.t.toFixed(0).padStart(3)} s  requests ${String(rec.total).padStart(6)}  errors ${rec.errorCount}  RSS ${s.rss.toFixed(0)} MB  heap ${s.heap.toFixed(0)} MB  load ${s.load.toFixed(2)}\n`);
      }
    })().catch((err) => (failure ??= err));
    const cpuClient0 = process.cpuUsage();
    await Promise.all([
      ...residents.map((u) => resident(run, u)),
      ...staff.map((s) => (s.role === 'grid_worker' ? gridWorker(run, s) : reviewer(run, s))),
    ]);
    const ranFor = (performance.now() - t0) / 1000;
    sampling = false;
    await sampler;
    await checkpointsDone;
    if (failure) throw failure;
    samples.push(await sample(server, t0));
    lag.disable();
    const cpuClient = process.cpuUsage(cpuClient0);

    // ---- figures ----
    const rows = rec.table();
    const measuredS = DURATION - WARMUP;
    log('');
    log(`ran ${ranFor.toFixed(1)} s; figures below are for the ${measuredS} s after the warm-up (requests counted over the whole run too)`);
    log('');
    log('| operation | requests (run) | measured | req/s | p50 ms | p90 ms | p99 ms | max ms |');
    log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      const name = r.name === 'all' ? '**all**' : r.name;
      log(`| ${name} | ${fmt(r.total)} | ${fmt(r.measured)} | ${fmt(r.measured / measuredS, 1)} | ${fmt(r.p50, 1)} | ${fmt(r.p90, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 0)} |`);
    }
    log('');
    if (rec.errorCount) {
      log(`errors: ${rec.errorCount}`);
      for (const [k, n] of [...rec.errors.entries()].sort((a, b) => b[1] - a[1])) log(`  ${k}: ${n}`);
      for (const s of rec.samples) log(`  e.g. ${s}`);
    } else log('errors: 0 (every answer 2xx/3xx, no timeout or connection failure)');
    log(`server log: ${server.logs.error} error and ${server.logs.warn} warning lines${server.logs.examples.length ? `:\n  ${server.logs.examples.join('\n  ')}` : ''}`);

    const base = checkpoints[0];
    const end = checkpoints.at(-1);
    const growth = (key) => (end[key] - base[key]) / base[key];
    const signed = (x) => `${x >= 0 ? '+' : ''}${fmt(x * 100, 1)}%`;
    const after = samples.filter((s) => s.t >= WARMUP - 0.5 && !s.gc);
    const range = (key) => {
      const xs = after.map((s) => s[key]).filter(Number.isFinite);
      return `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))} MB`;
    };
    const rssGrowth = growth('rss');
    const heapGrowth = growth('heap');
    const first = after[0];
    const last = samples.at(-1);
    const serverCpu = (last.cpuS - first.cpuS) / (last.t - first.t);
    const dbCpu = (last.dbCpuS - first.dbCpuS) / (last.t - first.t);
    log('');
    log(`memory of the server, each checkpoint right after a full GC (load running):`);
    log(`  RSS:  ${fmt(base.rss)} MB at warm-up end (t=${fmt(base.t)} s) → ${fmt(end.rss)} MB at end (t=${fmt(end.t)} s): ${signed(rssGrowth)}; peak ${fmt(Math.max(...samples.map((s) => s.rss)))} MB`);
    log(`  heap: ${fmt(base.heap, 1)} MB → ${fmt(end.heap, 1)} MB: ${signed(heapGrowth)} (V8 heap used: what the server still holds)`);
    log(`  every checkpoint (t s: RSS MB / heap MB): ${checkpoints.map((c) => `${fmt(c.t)}: ${fmt(c.rss)} / ${fmt(c.heap, 1)}`).join(', ')}`);
    log(`  between collections (every ${SAMPLE_MS / 1000} s after the warm-up, no forced GC): RSS ${range('rss')}, heap ${range('heap')} — V8's usual sawtooth`);
    log(
      `throughput: ${fmt(rows.at(-1).measured / measuredS, 1)} requests/s measured; CPU: server ${fmt(serverCpu * 100)}% of one core, ` +
        `${dbPid ? `MariaDB ${fmt(dbCpu * 100)}% (all its databases), ` : ''}load generator ${fmt(((cpuClient.user + cpuClient.system) / 1e6 / ranFor) * 100)}% (its event-loop delay p99 ${fmt(lag.percentile(99) / 1e6, 1)} ms)`,
    );
    const loads = samples.map((s) => s.load);
    log(`load average (1 min) during the run: mean ${fmt(loads.reduce((a, b) => a + b, 0) / loads.length, 2)}, max ${fmt(Math.max(...loads), 2)}; after: ${loadText()}`);

    const [outbox] = await conn.query('SELECT status, COUNT(*) AS n FROM push_outbox GROUP BY status ORDER BY status');
    const [[counts]] = await conn.query(
      `SELECT (SELECT COUNT(*) FROM notice WHERE id > ? AND status = 'published') AS published,
              (SELECT COUNT(*) FROM notice WHERE id > ? AND status = 'pending_review') AS pending,
              (SELECT COUNT(*) FROM inbox_item) AS inbox,
              (SELECT COUNT(*) FROM consultation_comment) AS comments,
              (SELECT COUNT(*) FROM rating) AS ratings,
              (SELECT COUNT(*) FROM service_case) AS cases,
              (SELECT COUNT(*) FROM notice_read) AS notice_reads`,
      [maxNotice, maxNotice],
    );
    const fakeStats = await fake.call({ cmd: 'stats' });
    log(
      `written during the run: ${counts.published} notices published (${counts.pending} still waiting for review), ${counts.inbox} message-centre items, ` +
        `outbox ${outbox.map((r) => `${r.status} ${r.n}`).join(', ') || 'empty'}; ${counts.comments} comments, ${counts.ratings} ratings, ${counts.cases} cases, ${counts.notice_reads} notice reads`,
    );
    log(`fake WeChat: ${fakeStats.delivered} subscribe messages delivered; msgSecCheck ${fakeStats.stats.msg_sec_check?.calls ?? 0} calls; code2Session ${fakeStats.stats.jscode2session?.calls ?? 0}`);

    log('');
    const zeroErrors = rec.errorCount === 0;
    const flat = rssGrowth < AIM_GROWTH && heapGrowth < AIM_GROWTH;
    log(`AIM 0 errors: ${zeroErrors ? 'MET' : `NOT MET (${rec.errorCount})`}`);
    log(`AIM memory flat (RSS and heap growth after the warm-up < ${AIM_GROWTH * 100}%): ${flat ? 'MET' : 'NOT MET'} (RSS ${signed(rssGrowth)}, heap ${signed(heapGrowth)})`);
  } finally {
    agent.destroy();
    await conn?.end().catch(() => undefined);
    if (server) await stopChild(server.child);
    if (fake) await stopChild(fake.child);
    rmSync(uploadDir, { recursive: true, force: true });
    if (!args.keep) {
      const c = await mysql.createConnection({ uri: ADMIN_URL });
      await c.query(`DROP DATABASE IF EXISTS \`${DB}\``);
      await c.end();
    } else log(`kept database ${DB}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
