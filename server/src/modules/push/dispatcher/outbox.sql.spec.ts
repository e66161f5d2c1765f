import { toSqlTime } from '../../notices/search/sql-time';
import {
  deferSql,
  markFinalSql,
  markRetrySql,
  markSendingSql,
  markSentSql,
  pendingSql,
  reapSql,
  releaseSql,
  selectDueSql,
  selectExpiredSql,
  type Statement,
} from './outbox.sql';

interface SqliteDb {
  exec(sql: string): void;
  prepare(sql: string): { run(...p: unknown[]): { changes: number }; all(...p: unknown[]): unknown[]; get(...p: unknown[]): unknown };
}
// better-sqlite3 ships no types; this is the little of it the spec uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string) => SqliteDb;

/** push_outbox as the Push migration creates it on SQLite (the columns the dispatcher touches). */
function outbox() {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE push_outbox (
    id integer PRIMARY KEY AUTOINCREMENT, dedupe_key varchar(191) NOT NULL UNIQUE, message_type varchar(40) NOT NULL,
    user_id integer NOT NULL, openid varchar(64) NOT NULL, template_id varchar(64) NOT NULL, page varchar(255),
    data text NOT NULL, urgent boolean NOT NULL DEFAULT 0, status varchar(16) NOT NULL DEFAULT 'queued',
    attempts integer NOT NULL DEFAULT 0, next_attempt_at datetime NOT NULL, lease_until datetime, worker_id varchar(64),
    msgid varchar(32), last_error varchar(255), notice_id integer, region_id integer,
    created_at datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), updated_at datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    sent_at datetime)`);
  db.exec('CREATE INDEX ix_push_outbox_claim ON push_outbox (status, next_attempt_at, id)');
  const insert = db.prepare(
    `INSERT INTO push_outbox (dedupe_key, message_type, user_id, openid, template_id, data, urgent, next_attempt_at) VALUES (?, 'notice_published', ?, ?, 'tpl_notice', '{"thing1":"通知"}', ?, ?)`,
  );
  const run = (s: Statement) => db.prepare(s.sql).run(...(s.params as unknown[])).changes;
  const all = (s: Statement) => db.prepare(s.sql).all(...(s.params as unknown[])) as Array<Record<string, unknown>>;
  const row = (id: number) => db.prepare('SELECT * FROM push_outbox WHERE id = ?').get(id) as Record<string, unknown>;
  return { db, insert, run, all, row };
}

const T = (iso: string) => toSqlTime(new Date(iso));
const now = T('2026-11-25T02:00:00Z');
const later = T('2026-11-25T02:05:00Z');

describe('outbox SQL (on SQLite)', () => {
  it('claims due queued rows oldest first, up to the limit, and counts an attempt', () => {
    const o = outbox();
    o.insert.run('k3', 3, 'o_c', 0, T('2026-11-25T01:59:00Z'));
    o.insert.run('k1', 1, 'o_a', 0, T('2026-11-25T01:00:00Z'));
    o.insert.run('k2', 2, 'o_b', 1, T('2026-11-25T01:30:00Z'));
    o.insert.run('k4', 4, 'o_d', 0, T('2026-11-25T02:00:01Z')); // not due yet
    const due = o.all(selectDueSql('sqlite', now, 2));
    expect(due.map((r) => r.openid)).toEqual(['o_a', 'o_b']);
    expect(Object.keys(due[0]).sort()).toEqual(['attempts', 'data', 'id', 'last_error', 'message_type', 'openid', 'page', 'template_id', 'urgent', 'user_id']);
    const [a, b] = due.map((r) => Number(r.id));
    expect(o.run(markSendingSql([a, b], 'w1#1', later, now))).toBe(2);
    expect(o.row(a)).toMatchObject({ status: 'sending', attempts: 1, worker_id: 'w1#1', lease_until: later });
    // Claimed rows are not due any more; a second claim gets the rest.
    expect(o.all(selectDueSql('sqlite', now, 10)).map((r) => r.openid)).toEqual(['o_c']);
    // Marking is conditional on `queued`: a row claimed already is not claimed twice.
    expect(o.run(markSendingSql([a, 1], 'w2#1', later, now))).toBe(1);
    expect(o.row(a).worker_id).toBe('w1#1');
    expect(o.row(1)).toMatchObject({ openid: 'o_c', worker_id: 'w2#1' });
  });

  it('locks with SKIP LOCKED on MySQL only', () => {
    expect(selectDueSql('mysql', now, 500).sql).toMatch(/LIMIT 500 FOR UPDATE SKIP LOCKED$/);
    expect(selectDueSql('sqlite', now, 500).sql).not.toMatch(/FOR UPDATE/);
  });

  it('defers rows to the end of the quiet hours without counting an attempt', () => {
    const o = outbox();
    o.insert.run('k1', 1, 'o_a', 0, now);
    expect(o.run(deferSql([1], later, now))).toBe(1);
    expect(o.row(1)).toMatchObject({ status: 'queued', attempts: 0, next_attempt_at: later });
    expect(o.all(selectDueSql('sqlite', now, 10))).toEqual([]);
  });

  it('records results only while the row is still held by the same claim', () => {
    const o = outbox();
    for (let i = 1; i <= 5; i++) o.insert.run(`k${i}`, i, `o_${i}`, 0, now);
    o.run(markSendingSql([1, 2, 3, 4, 5], 'w1#7', later, now));
    const msgid = '1988810812324364291';
    expect(o.run(markSentSql([{ id: 1, msgid }], 'w1#7', now))).toBe(1);
    expect(o.row(1)).toMatchObject({ status: 'sent', msgid, sent_at: now, lease_until: null });
    // Another claim's token changes nothing.
    expect(o.run(markSentSql([{ id: 2, msgid: '1' }], 'w1#8', now))).toBe(0);
    expect(o.row(2).status).toBe('sending');
    expect(o.run(markFinalSql('refused', [{ id: 2, error: '43101' }], 'w1#7', now))).toBe(1);
    expect(o.run(markFinalSql('failed', [{ id: 3, error: '47003 data.thing1.value invalid' }], 'w1#7', now))).toBe(1);
    expect(o.row(2)).toMatchObject({ status: 'refused', last_error: '43101' });
    expect(o.row(3)).toMatchObject({ status: 'failed', last_error: '47003 data.thing1.value invalid' });
    expect(o.run(markRetrySql([{ id: 4, nextAttemptAt: later, error: '-1 busy' }], 'w1#7', now))).toBe(1);
    expect(o.row(4)).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: later, worker_id: null, last_error: '-1 busy' });
    expect(o.run(releaseSql([5], 'w1#7', now))).toBe(1);
    expect(o.row(5)).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: now, worker_id: null });
    // A finished row is not changed by a late result of the same claim.
    expect(o.run(markRetrySql([{ id: 1, nextAttemptAt: later, error: 'late' }], 'w1#7', now))).toBe(0);
    expect(o.row(1).status).toBe('sent');
  });

  it('gives rows back uncharged while WeChat is down, never below one attempt (the credit stays taken)', () => {
    const o = outbox();
    for (let i = 1; i <= 2; i++) o.insert.run(`k${i}`, i, `o_${i}`, 0, now);
    o.db.prepare('UPDATE push_outbox SET attempts = 2 WHERE id = 2').run();
    o.run(markSendingSql([1, 2], 'w1#9', later, now));
    expect([o.row(1).attempts, o.row(2).attempts]).toEqual([1, 3]);
    const waiting = [1, 2].map((id) => ({ id, nextAttemptAt: later, error: 'waiting: WeChat unreachable' }));
    expect(o.run(markRetrySql(waiting, 'w1#9', now, { uncharged: true }))).toBe(2);
    expect(o.row(1)).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: later, worker_id: null, last_error: 'waiting: WeChat unreachable' });
    expect(o.row(2)).toMatchObject({ status: 'queued', attempts: 2 });
  });

  it('reaps expired leases back to the queue, or to failed once attempts are used up', () => {
    const o = outbox();
    for (let i = 1; i <= 3; i++) o.insert.run(`k${i}`, i, `o_${i}`, 0, now);
    o.run(markSendingSql([1, 2], 'dead#1', now, now)); // lease ends now
    o.run(markSendingSql([3], 'alive#1', later, now));
    o.db.prepare('UPDATE push_outbox SET attempts = 5 WHERE id = 2').run();
    const expired = o.all(selectExpiredSql(now, 100));
    expect(expired.map((r) => r.id)).toEqual([1, 2]);
    expect(o.run(reapSql([1, 2, 3], 5, now))).toBe(2);
    expect(o.row(1)).toMatchObject({ status: 'queued', worker_id: null, lease_until: null, next_attempt_at: now, last_error: 'lease expired: the worker stopped while sending' });
    expect(o.row(2)).toMatchObject({ status: 'failed', last_error: 'lease expired: the worker stopped while sending' });
    expect(o.row(3)).toMatchObject({ status: 'sending', worker_id: 'alive#1' });
    // The dead worker's late result no longer lands.
    expect(o.run(markSentSql([{ id: 1, msgid: '5' }], 'dead#1', now))).toBe(0);
  });

  it('reports what is still pending', () => {
    const o = outbox();
    expect(o.all(pendingSql())[0]).toEqual({ next_due: null, next_lease_end: null, sending: 0 });
    o.insert.run('k1', 1, 'o_a', 0, later);
    o.insert.run('k2', 2, 'o_b', 0, now);
    o.run(markSendingSql([2], 'w#1', later, now));
    expect(o.all(pendingSql())[0]).toEqual({ next_due: later, next_lease_end: later, sending: 1 });
  });

  it('uses the claim index on SQLite', () => {
    const o = outbox();
    const s = selectDueSql('sqlite', now, 500);
    const plan = o.db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as unknown[])) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX ix_push_outbox_claim/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });
});
