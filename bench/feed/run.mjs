#!/usr/bin/env node
/**
 * The feed benchmark (issue 3, item 12). Not part of `npm test`.
 *
 *   npm run build:server && node bench/feed/run.mjs [--smoke] [--duration 20] [--connections 50]
 *                                                    [--notices 50000] [--residents 100000] [--keep] [--explain]
 *
 * 1. (re)creates the MariaDB database `sunboard_bench` (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306),
 *    lets the real server (server/dist) migrate it, then seeds a district tree, residents and notices
 *    with their search index (seed.mjs);
 * 2. starts the real server (NODE_ENV=production, LOG_LEVEL=warn) and beside it the bare Fastify +
 *    mysql2 reference running the same SQL (reference.mjs);
 * 3. with autocannon measures, on both: the feed's page 1 and page 5 and a search for a common word,
 *    a rare word and a word that matches nothing — requests/s, p50, p99, the ratio to the reference,
 *    and the server's memory (RSS);
 * 4. drops the database (unless --keep).
 * --smoke: 2,000 notices, 2,000 residents, 3 s per run — a quick sanity check.
 * --keep leaves the database; --reuse then skips seeding when it holds as many notices as asked
 * (e.g. to iterate on the server: `node bench/feed/run.mjs --keep --reuse`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { regionTree, SEARCH_WORDS } from './corpus.mjs';
import { seed } from './seed.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const mysql = require('mysql2/promise');
const ROOT = new URL('../../', import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string', default: '50' },
    notices: { type: 'string' },
    residents: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const smoke = args.smoke;
const duration = Number(args.duration ?? (smoke ? 3 : 20));
const connections = Number(args.connections);
const noticeCount = Number(args.notices ?? (smoke ? 2000 : 50000));
const residentCount = Number(args.residents ?? (smoke ? 2000 : 100000));
const ADMIN_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'sunboard_bench';
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();

const log = (...a) => console.log(...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Starts a child process and resolves when a stdout line matches `ready`. */
function startProcess(name, cmd, argv, env, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${out}`)), 60000);
    const onData = (d) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, match: m, stop: () => stopProcess(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${out}`));
    });
  });
}

function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000);
  });
}

const serverEnv = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  DATABASE_URL: dbUrl,
  DB_POOL_SIZE: '10',
  LOG_LEVEL: 'warn',
  SEED_DEMO: 'false',
  H5_DIR: '',
  WECHAT_APPID: 'wx_bench',
  WECHAT_SECRET: randomBytes(16).toString('hex'),
  JWT_SECRET: randomBytes(24).toString('hex'),
  DATA_KEY: randomBytes(32).toString('base64'),
};
const startServer = () => startProcess('server', process.execPath, ['server/dist/main.js'], serverEnv, /SUNBOARD_LISTENING port=(\d+)/);
const startRef = () => startProcess('reference', process.execPath, ['bench/feed/reference.mjs', dbUrl, '0'], {}, /REFERENCE_LISTENING (\S+)/);

async function measure(url, pid) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  const r = await autocannon({ url, connections, duration, pipelining: 1 });
  clearInterval(sampler);
  const bad = r.non2xx + r.errors + r.timeouts;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad, rss: Math.max(peak, rssMb(pid)) };
}

async function warm(url) {
  await autocannon({ url, connections: 10, duration: Math.min(3, duration) });
}

async function main() {
  if (!existsSync(`${ROOT}server/dist/main.js`)) throw new Error('server/dist is missing: run `npm run build:server` first');
  log(`Sunboard feed benchmark — ${smoke ? 'SMOKE ' : ''}${noticeCount} notices, ${residentCount} residents, ${connections} connections × ${duration} s`);
  log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; client, servers and MariaDB share it`);

  const admin = await mysql.createConnection({ uri: ADMIN_URL });
  const [[{ v }]] = await admin.query('SELECT VERSION() AS v');
  log(`database: ${v}`);
  let reuse = false;
  if (args.reuse) {
    const [[found]] = await admin.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = 'notice'`, [DB]);
    if (Number(found.n)) {
      const [[{ n }]] = await admin.query(`SELECT COUNT(*) AS n FROM \`${DB}\`.notice`);
      reuse = Number(n) === noticeCount;
    }
    log(reuse ? `reusing ${DB}` : `${DB} does not hold ${noticeCount} notices: seeding afresh`);
  }
  if (!reuse) {
    await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  await admin.end();

  let server;
  let ref;
  try {
    log('migrating (the server runs its migrations on start)…');
    await (await startServer()).stop();

    const conn = await mysql.createConnection({ uri: dbUrl, timezone: 'Z', charset: 'utf8mb4_unicode_ci', multipleStatements: false });
    let regions = regionTree();
    if (!reuse) {
      log('seeding…');
      ({ regions } = await seed(conn, { notices: noticeCount, residents: residentCount, log }));
    }

    // The region measured: the community with the most notices in its scope.
    const [[target]] = await conn.query(
      `SELECT r.id, r.name, r.path FROM region r WHERE r.level IN ('community', 'village') ORDER BY (SELECT COUNT(*) FROM notice n WHERE n.region_id = r.id) DESC, r.id LIMIT 1`,
    );
    const scopeIds = target.path.split('/').filter(Boolean).map(Number);
    const [[{ inScope }]] = await conn.query(`SELECT COUNT(*) AS inScope FROM notice WHERE status = 'published' AND region_id IN (${scopeIds.join(',')})`);
    log(`feed of ${regions.find((r) => r.id === scopeIds[0]).name} / … / ${target.name} (region ${target.id}): ${inScope} published notices in scope`);

    server = await startServer();
    const api = `http://127.0.0.1:${server.match[1]}`;
    ref = await startRef();
    const refUrl = ref.match[1];
    log(`server ${api} (pid ${server.child.pid}), reference ${refUrl} (pid ${ref.child.pid})`);

    // Page 5's cursor, from the server itself (the reference reads the same cursor).
    let cursor;
    for (let i = 1; i < 5; i++) {
      const res = await fetch(`${api}/api/notices?regionId=${target.id}&limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      const body = await res.json();
      cursor = body.nextCursor;
      if (!cursor) throw new Error(`the feed has fewer than 5 pages (${i})`);
    }
    const counts = {};
    for (const [k, w] of Object.entries(SEARCH_WORDS)) {
      const [[{ n }]] = await conn.query('SELECT COUNT(*) AS n FROM notice_term t WHERE t.term = ? AND t.region_id IN (?)', [w.slice(0, 2), scopeIds]);
      counts[k] = Number(n);
    }
    log(`search words (postings in scope of the first two characters): ${Object.entries(SEARCH_WORDS).map(([k, w]) => `${k} ${w} (${counts[k]})`).join(', ')}`);

    const scenarios = [
      ['feed page 1', `regionId=${target.id}&limit=20`],
      ['feed page 5', `regionId=${target.id}&limit=20&cursor=${cursor}`],
      ['search common', `regionId=${target.id}&limit=20&q=${encodeURIComponent(SEARCH_WORDS.common)}`],
      ['search rare', `regionId=${target.id}&limit=20&q=${encodeURIComponent(SEARCH_WORDS.rare)}`],
      ['search phrase', `regionId=${target.id}&limit=20&q=${encodeURIComponent(SEARCH_WORDS.phrase)}`],
      ['search miss', `regionId=${target.id}&limit=20&q=${encodeURIComponent(SEARCH_WORDS.miss)}`],
    ].filter(([name]) => !args.only || name.includes(args.only));

    if (args.explain) await explain(conn, target.id, scopeIds);
    await conn.end();

    // Same answers? (ids of page 1 from both)
    for (const [name, qs] of scenarios) {
      const a = await (await fetch(`${api}/api/notices?${qs}`)).json();
      const b = await (await fetch(`${refUrl}/feed?${qs}`)).json();
      const ids = (x) => x.items.map((i) => Number(i.id)).join(',');
      // The reference makes only the server's first search round (titles first for several terms);
      // when that round finds less than a page (small --smoke data), the server goes on to bodies and
      // returns more: then the reference's answer must be where the server's starts.
      const partial = name === 'search phrase' && b.items.length < 20 && ids(a).startsWith(ids(b));
      if (ids(a) !== ids(b) && !partial) throw new Error(`${name}: server and reference disagree:\n ${ids(a)}\n ${ids(b)}`);
      log(`  ${name}: ${a.items.length} items${a.items[0] ? ` (first: ${a.items[0].title})` : ''}`);
    }

    const results = [];
    for (const [name, qs] of scenarios) {
      await warm(`${api}/api/notices?${qs}`);
      const s = await measure(`${api}/api/notices?${qs}`, server.child.pid);
      await warm(`${refUrl}/feed?${qs}`);
      const r = await measure(`${refUrl}/feed?${qs}`, ref.child.pid);
      results.push({ name, s, r });
      log(`  ${name}: ${s.rps.toFixed(0)} req/s (p99 ${s.p99} ms) vs reference ${r.rps.toFixed(0)} req/s`);
    }

    log('');
    log('| scenario | Sunboard req/s | p50 ms | p99 ms | reference req/s | p50 ms | p99 ms | ratio | errors |');
    log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const { name, s, r } of results) {
      log(`| ${name} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${((100 * s.rps) / r.rps).toFixed(0)}% | ${s.bad}/${r.bad} |`);
    }
    log('');
    log(`server RSS: peak ${Math.max(...results.map((x) => x.s.rss)).toFixed(0)} MB (now ${rssMb(server.child.pid).toFixed(0)} MB); reference peak ${Math.max(...results.map((x) => x.r.rss)).toFixed(0)} MB`);
  } finally {
    await server?.stop();
    await ref?.stop();
    if (!args.keep) {
      const c = await mysql.createConnection({ uri: ADMIN_URL });
      await c.query(`DROP DATABASE IF EXISTS \`${DB}\``);
      await c.end();
    } else log(`kept database ${DB}`);
  }
}

/** EXPLAIN of the statements one feed page and one search make (MariaDB's plans). */
async function explain(conn, regionId, regionIds) {
  const dist = (p) => require(`${ROOT}server/dist/${p}`);
  const { feedKeysSql, cardRowsSql } = dist('modules/notices/notice-feed.sql.js');
  const { searchKeysSql, termCountsSql } = dist('modules/notices/search/notice-search.sql.js');
  const { scopeSql } = dist('modules/notices/notice-scope.js');
  const { toSqlTime } = dist('modules/notices/search/sql-time.js');
  const asOf = toSqlTime(new Date());
  const show = async (title, { sql, params }) => {
    const [rows] = await conn.query(`EXPLAIN ${sql}`, params);
    log(`\n${title}`);
    for (const r of rows) log(`  ${r.id} ${r.select_type} ${r.table} ${r.type} key=${r.key} rows=${r.rows} ${r.Extra ?? ''}`);
  };
  await show('region scope', scopeSql(regionId));
  await show('feed keys, page 1', feedKeysSql('mysql', { regionIds, asOf, take: 21 }));
  await show('feed keys, page 5 (cursor)', feedKeysSql('mysql', { regionIds, asOf, take: 21, after: { urgent: false, pinned: false, publishedAt: '2025-06-01 00:00:00.000', id: 1 } }));
  await show('feed keys, domain filter', feedKeysSql('mysql', { regionIds, asOf, take: 21, domain: 'social_assistance' }));
  await show('card rows', cardRowsSql([1, 2, 3]));
  await show('term counts', termCountsSql('mysql', ['居民', '低保']));
  await show('search keys, one term', searchKeysSql('mysql', { driver: '居民', others: [], regionIds, tier1: null, tier0: null, asOf, take: 21 }));
  await show('search keys, two terms, kind filter', searchKeysSql('mysql', { driver: '低保', others: ['居民'], regionIds, tier1: null, tier0: null, asOf, take: 42, kind: 'notice' }));
  log(`(region ${regionId})\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
