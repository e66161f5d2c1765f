import type { DataSource } from 'typeorm';
import type { Notice } from '../../src/modules/notices/notice.entity';
import { toSqlTime } from '../../src/modules/notices/search/sql-time';
import { OutboxWriter } from '../../src/modules/push/outbox-writer';
import type { DeliveredMessage } from '../../src/fake-wechat/state';
import { FakeWechatDriver } from '../../src/fake-wechat/fake-wechat.driver';
import { makeNotice } from '../factories/notices';
import type { TestApp } from './test-app';

/** The template the default configuration uses for a published notice. */
export const NOTICE_TEMPLATE = 'TPL_NOTICE_PUBLISHED';

/**
 * Settings that make the dispatcher quick to test: short backoff, no quiet hours, no rate limit. The
 * call timeout stays generous: on a loaded machine a send the fake has already delivered must not
 * time out (that is a real ambiguity — the retry then meets 43101 — but not the one under test).
 */
export const FAST_DISPATCH_ENV: Record<string, string> = {
  WECHAT_TIMEOUT_MS: '3000',
  PUSH_LEASE_SECONDS: '10',
  PUSH_RETRY_BASE_MS: '20',
  PUSH_RETRY_MAX_MS: '120',
  PUSH_MAX_ATTEMPTS: '5',
  PUSH_POLL_MS: '25',
  PUSH_QUIET_HOURS: 'off',
  PUSH_RATE_PER_SECOND: '0',
  PUSH_CLAIM_SIZE: '200',
  PUSH_CONCURRENCY: '64',
};

export interface Resident {
  id: number;
  openid: string;
}

let batch = 0;
const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/**
 * `count` residents of `regionId` with openids `<prefix><n>`, each subscribed to the region (any
 * domain and kind) and holding `dbCredits` one-time credits for the notice template (0: no credit
 * row). Multi-row inserts: a few thousand take well under a second.
 */
export async function residents(db: DataSource, opts: { count: number; regionId: number; prefix?: string; dbCredits?: number }): Promise<Resident[]> {
  const prefix = opts.prefix ?? `o_r${++batch}_`;
  const now = toSqlTime(new Date());
  const openids = Array.from({ length: opts.count }, (_, i) => `${prefix}${i}`);
  for (const part of chunks(openids, 500)) {
    await db.query(
      `INSERT INTO app_user (openid, display_name, home_region_id, elder_mode, created_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      part.flatMap((o) => [o, '测试居民', opts.regionId, false, now]),
    );
  }
  const rows: Array<{ id: number | string; openid: string }> = await db.query('SELECT id, openid FROM app_user WHERE openid LIKE ? ORDER BY id', [`${prefix}%`]);
  const list = rows.map((r) => ({ id: Number(r.id), openid: r.openid })).filter((r) => openids.includes(r.openid));
  for (const part of chunks(list, 500)) {
    await db.query(
      `INSERT INTO subscription (user_id, region_id, domain, kind, created_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      part.flatMap((r) => [r.id, opts.regionId, '', '', now]),
    );
    if ((opts.dbCredits ?? 1) > 0) {
      await db.query(
        `INSERT INTO subscribe_credit (user_id, template_id, remaining, long_term, switched_off, updated_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
        part.flatMap((r) => [r.id, NOTICE_TEMPLATE, opts.dbCredits ?? 1, false, false, now]),
      );
    }
  }
  return list;
}

/** Grants credits at the fake WeChat (as each resident's "accept" would), 32 calls at a time. */
export async function grantFakeCredits(driver: FakeWechatDriver, people: Resident[], templateId = NOTICE_TEMPLATE, count = 1): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < people.length) await driver.grantCredits(people[next++].openid, templateId, count);
  };
  await Promise.all(Array.from({ length: 32 }, lane));
}

/** A published notice of the region, its messages written to the outbox by the push core's OutboxWriter. */
export async function publishWithOutbox(t: TestApp, regionId: number, overrides: Partial<Notice> = {}): Promise<{ notice: Notice; written: number }> {
  const notice = await makeNotice(t.db, { regionId, domain: 'social_assistance', kind: 'notice', ...overrides });
  const writer = t.app.get(OutboxWriter);
  const { written } = await t.db.transaction((m) => writer.enqueueForNotice(m, notice));
  return { notice, written };
}

export interface OutboxRow {
  id: number;
  user_id: number;
  openid: string;
  status: string;
  attempts: number;
  msgid: string | null;
  last_error: string | null;
  worker_id: string | null;
  urgent: boolean;
  next_attempt_at: unknown;
}

export async function outbox(db: DataSource): Promise<OutboxRow[]> {
  const rows: Array<Record<string, unknown>> = await db.query(
    'SELECT id, user_id, openid, status, attempts, msgid, last_error, worker_id, urgent, next_attempt_at FROM push_outbox ORDER BY id',
  );
  return rows.map((r) => ({
    ...(r as unknown as OutboxRow),
    id: Number(r.id),
    user_id: Number(r.user_id),
    attempts: Number(r.attempts),
    msgid: r.msgid === null ? null : String(r.msgid),
    urgent: r.urgent === true || Number(r.urgent) === 1,
  }));
}

export function countBy<T>(xs: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

/**
 * The fake's delivered messages against the outbox: how many openids got more than one message
 * (duplicates), which `sent` rows WeChat never saw (lost), and sent rows whose msgid is not the one
 * WeChat gave (msgidMismatch).
 */
export function reconcile(rows: OutboxRow[], messages: DeliveredMessage[]) {
  const byOpenid = new Map<string, DeliveredMessage[]>();
  for (const m of messages) byOpenid.set(m.openid, [...(byOpenid.get(m.openid) ?? []), m]);
  const duplicates = [...byOpenid.values()].reduce((n, list) => n + Math.max(0, list.length - 1), 0);
  const sent = rows.filter((r) => r.status === 'sent');
  const lost = sent.filter((r) => !byOpenid.has(r.openid)).length;
  const msgidMismatch = sent.filter((r) => !(byOpenid.get(r.openid) ?? []).some((m) => m.msgid === r.msgid)).length;
  const sentOpenids = new Set(sent.map((r) => r.openid));
  const unrecorded = messages.filter((m) => !sentOpenids.has(m.openid)).length;
  return { delivered: messages.length, duplicates, lost, msgidMismatch, unrecorded };
}

export const driverFor = (t: TestApp) => new FakeWechatDriver(t.fakeWechatUrl);
