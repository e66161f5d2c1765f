/**
 * The bare reference dispatcher of the push benchmark: what draining the outbox costs with nothing
 * but mysql2 and node:http (HTTP keep-alive). It does the same work as Sunboard's dispatcher, with
 * the same SQL (the builders are imported from server/dist) and the same transport (node:http with a
 * keep-alive Agent): claim `claim` rows in a short transaction
 * (`FOR UPDATE SKIP LOCKED`), mark them sending, take each first attempt's credit (one read and one
 * UPDATE per template), keep `concurrency` sends in flight, and write results as a group commit. No
 * Nest, TypeORM, retries, leases checks, rate limit, quiet hours, token renewal or logging.
 *
 *   node bench/push/reference.mjs <mysql url> <fake url> <claim> <concurrency> <pollMs>
 * Prints `REFERENCE_READY` once it is claiming; stops on SIGTERM after writing its results.
 */
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import http from 'node:http';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');
const sql = require('../../server/dist/modules/push/dispatcher/outbox.sql.js');
const { toSqlTime } = require('../../server/dist/modules/notices/search/sql-time.js');

const [dbUrl, fakeUrl, claimArg, concurrencyArg, pollArg] = process.argv.slice(2);
const CLAIM = Number(claimArg);
const CONCURRENCY = Number(concurrencyArg);
const POLL = Number(pollArg);
const pool = mysql.createPool({ uri: dbUrl, connectionLimit: 5, timezone: 'Z', supportBigNumbers: true, bigNumberStrings: true });
const workerId = `ref:${process.pid}:${randomBytes(3).toString('hex')}`;
let seq = 0;
let stopping = false;

const tokenRes = await fetch(`${fakeUrl}/cgi-bin/stable_token`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ grant_type: 'client_credential', appid: process.env.WECHAT_APPID, secret: process.env.WECHAT_SECRET, force_refresh: false }),
});
const { access_token: token } = await tokenRes.json();
const sendUrl = `${fakeUrl}/cgi-bin/message/subscribe/send?access_token=${token}`;

async function claim() {
  const now = new Date();
  const at = toSqlTime(now);
  const t = `${workerId}#${++seq}`;
  const conn = await pool.getConnection();
  try {
    await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await conn.beginTransaction();
    const due = sql.selectDueSql('mysql', at, CLAIM);
    const [rows] = await conn.query(due.sql, due.params);
    if (rows.length) {
      const mark = sql.markSendingSql(rows.map((r) => r.id), t, toSqlTime(new Date(now.getTime() + 60_000)), at);
      await conn.query(mark.sql, mark.params);
      const first = rows.filter((r) => Number(r.attempts) === 0);
      const byTemplate = new Map();
      for (const r of first) {
        if (!byTemplate.has(r.template_id)) byTemplate.set(r.template_id, []);
        byTemplate.get(r.template_id).push(Number(r.user_id));
      }
      for (const [templateId, users] of byTemplate) {
        const ids = [...new Set(users)].sort((a, b) => a - b);
        const marks = ids.map(() => '?').join(', ');
        const [credits] = await conn.query(
          `SELECT user_id, remaining FROM subscribe_credit WHERE template_id = ? AND user_id IN (${marks}) ORDER BY user_id FOR UPDATE`,
          [templateId, ...ids],
        );
        const take = credits.filter((c) => Number(c.remaining) > 0).map((c) => Number(c.user_id));
        if (take.length) {
          await conn.query(`UPDATE subscribe_credit SET remaining = remaining - 1 WHERE template_id = ? AND user_id IN (${take.map(() => '?').join(', ')})`, [templateId, ...take]);
        }
      }
    }
    await conn.commit();
    return rows.map((r) => ({ ...r, token: t }));
  } catch (err) {
    await conn.rollback().catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}

let pending = [];
let flushing = null;
function record(row, msgid) {
  pending.push({ row, msgid });
  if (!flushing) flushing = flush();
}
async function flush() {
  while (pending.length) {
    const batch = pending;
    pending = [];
    const byToken = new Map();
    for (const e of batch) {
      if (!byToken.has(e.row.token)) byToken.set(e.row.token, []);
      byToken.get(e.row.token).push({ id: e.row.id, msgid: e.msgid });
    }
    for (const [t, list] of byToken) {
      const s = sql.markSentSql(list, t, toSqlTime(new Date()));
      await pool.query(s.sql, s.params);
    }
  }
  flushing = null;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2, scheduling: 'lifo' });
const sendPath = new URL(sendUrl);
function send(row) {
  const data = Object.fromEntries(Object.entries(JSON.parse(row.data)).map(([k, v]) => [k, { value: v }]));
  const body = JSON.stringify({ touser: row.openid, template_id: row.template_id, page: row.page ?? undefined, data });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: sendPath.hostname, port: sendPath.port, path: sendPath.pathname + sendPath.search, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          clearTimeout(timer);
          const m = /"msgid"\s*:\s*(\d+)/.exec(text);
          if (m) record(row, m[1]);
          resolve();
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new Error('timeout')), 5000);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

const queue = [];
let inFlight = 0;
let claiming = false;
let idleUntil = 0;
let wake = null;
const notify = () => wake?.();
process.on('SIGTERM', () => {
  stopping = true;
  notify();
});
process.stdout.write(`REFERENCE_READY ${workerId}\n`);
while (!stopping) {
  if (!claiming && queue.length < CONCURRENCY && Date.now() >= idleUntil) {
    claiming = true;
    claim()
      .then((rows) => {
        queue.push(...rows);
        if (!rows.length) idleUntil = Date.now() + POLL;
      })
      .catch((err) => {
        process.stderr.write(`claim failed: ${err.message}\n`);
        idleUntil = Date.now() + POLL;
      })
      .finally(() => {
        claiming = false;
        notify();
      });
  }
  while (inFlight < CONCURRENCY && queue.length) {
    inFlight++;
    send(queue.shift())
      .catch((err) => process.stderr.write(`send failed: ${err.message}\n`))
      .finally(() => {
        inFlight--;
        notify();
      });
  }
  await new Promise((resolve) => {
    wake = resolve;
    if (!claiming && !inFlight && !queue.length) setTimeout(resolve, Math.max(1, idleUntil - Date.now()));
  });
}
while (inFlight || claiming) await new Promise((r) => setTimeout(r, 10));
await flushing;
await flush();
await pool.end();
process.exit(0);
