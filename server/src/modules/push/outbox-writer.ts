import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PushMessageType, TemplateInput } from '@sunboard/shared';
import type { Notice } from '../notices/notice.entity';
import { toSqlTime } from '../notices/search/sql-time';
import { noticeMessage } from './notice-message';
import { PushTemplates } from './push-templates';
import { concatSql, execute, skipDuplicates } from './push-sql';

/** Rows at most per INSERT … SELECT of a fan-out (the batch plan keeps each statement near this). */
export const FANOUT_BATCH = 1000;

/** One region's matching recipients, counted by the plan query. */
interface RegionCount {
  regionId: number;
  n: number;
}

/** One INSERT … SELECT of a fan-out: a few regions whole, or one large region's user-id slice. */
interface Batch {
  regionIds: number[];
  after?: number;
  upTo?: number | null;
}

/** Where a fan-out's recipients come from: matching topics, or (urgent notices) residents living in the region. */
interface Source {
  /** FROM … WHERE with the region-id list as `{regions}`; `{uid}` is the recipient's user-id column. */
  from: string;
  uid: string;
  params: unknown[];
  /** The plan: recipients per region of the notice's subtree. */
  plan: { sql: string; params: unknown[] };
  /** The next slice boundary inside one large region. */
  boundary: (regionId: number, after: number) => { sql: string; params: unknown[] };
}

export interface EnqueueResult {
  /** Outbox rows written now (0 when the notice's messages were already written). */
  written: number;
  statements: number;
}

/**
 * Writes messages to the outbox and the message centre inside the caller's transaction; nothing is
 * sent from here (the dispatcher drains `push_outbox`).
 *
 * A published notice goes to (1) every resident with a matching topic — the topic's region is the
 * notice's region or lies below it (`region.path LIKE '<notice region path>%'`), its domain and kind
 * equal the notice's or are '' (any) — and (2) for an urgent notice, also every resident whose home
 * community lies in the notice's region, subscribed or not. One outbox row and one message-centre
 * item per resident, with the dedupe key `notice:<id>:v<version>:user:<uid>`: a resident matching
 * several ways gets one message, and running the fan-out again writes nothing.
 *
 * Fan-out without loading recipients into memory: one query counts matching recipients per region of
 * the subtree (an index range per region), regions are grouped into batches of about FANOUT_BATCH
 * recipients, and each batch is one INSERT … SELECT into `push_outbox` and one into `inbox_item`. A
 * region with more recipients than that is walked in user-id slices (the boundary is read with
 * ORDER BY user_id LIMIT 1 OFFSET n on the (region_id, user_id, …) index). Node holds only the plan.
 */
@Injectable()
export class OutboxWriter {
  /** Recipients per INSERT … SELECT (FANOUT_BATCH; tests lower it to walk many batches with few rows). */
  batchSize = FANOUT_BATCH;

  constructor(@Inject(PushTemplates) private readonly templates: PushTemplates) {}

  async enqueueForNotice(manager: EntityManager, notice: Notice): Promise<EnqueueResult> {
    const regions: Array<{ path: string; name: string }> = await manager.query('SELECT path, name FROM region WHERE id = ?', [notice.regionId]);
    if (!regions.length) return { written: 0, statements: 1 };
    const { path, name } = regions[0];
    const now = new Date();
    const message = noticeMessage(notice, name, notice.publishedAt ?? now);
    const template = this.templates.get('notice_published');
    const data = JSON.stringify(this.templates.data('notice_published', message.values));
    const at = toSqlTime(now);
    const under = `${path}%`;

    const sources: Source[] = [
      {
        from: 'subscription s JOIN app_user u ON u.id = s.user_id WHERE s.region_id IN ({regions}) AND s.domain IN (?, ?) AND s.kind IN (?, ?)',
        uid: 's.user_id',
        params: ['', notice.domain, '', notice.kind],
        plan: {
          sql:
            'SELECT s.region_id AS region_id, COUNT(*) AS n FROM region r JOIN subscription s ON s.region_id = r.id ' +
            'WHERE r.path LIKE ? AND s.domain IN (?, ?) AND s.kind IN (?, ?) GROUP BY s.region_id ORDER BY s.region_id',
          params: [under, '', notice.domain, '', notice.kind],
        },
        boundary: (regionId, after) => ({
          sql:
            'SELECT s.user_id AS uid FROM subscription s WHERE s.region_id = ? AND s.user_id > ? AND s.domain IN (?, ?) AND s.kind IN (?, ?) ' +
            `ORDER BY s.user_id LIMIT 1 OFFSET ${this.batchSize - 1}`,
          params: [regionId, after, '', notice.domain, '', notice.kind],
        }),
      },
    ];
    if (notice.urgent) {
      sources.push({
        from: 'app_user u WHERE u.home_region_id IN ({regions})',
        uid: 'u.id',
        params: [],
        plan: {
          sql:
            'SELECT u.home_region_id AS region_id, COUNT(*) AS n FROM region r JOIN app_user u ON u.home_region_id = r.id ' +
            'WHERE r.path LIKE ? GROUP BY u.home_region_id ORDER BY u.home_region_id',
          params: [under],
        },
        boundary: (regionId, after) => ({
          sql: `SELECT u.id AS uid FROM app_user u WHERE u.home_region_id = ? AND u.id > ? ORDER BY u.id LIMIT 1 OFFSET ${this.batchSize - 1}`,
          params: [regionId, after],
        }),
      });
    }

    // Rows written = the notice's rows after minus before (MySQL's affected-rows count also counts
    // duplicates found, with the FOUND_ROWS flag mysql2 sets). An index range on (notice_id, status).
    const countRows = async (): Promise<number> =>
      Number((await manager.query('SELECT COUNT(*) AS n FROM push_outbox WHERE notice_id = ?', [notice.id]))[0].n);
    const before = await countRows();
    let statements = 2;
    for (const source of sources) {
      const counts: Array<{ region_id: number | string; n: number | string }> = await manager.query(source.plan.sql, source.plan.params);
      statements++;
      for (const batch of await this.batches(
        manager,
        counts.map((c) => ({ regionId: Number(c.region_id), n: Number(c.n) })),
        source,
        () => statements++,
      )) {
        const regionList = batch.regionIds.map(() => '?').join(', ');
        let where = source.from.replace('{regions}', regionList);
        const params = [...batch.regionIds, ...source.params];
        if (batch.after !== undefined) {
          where += ` AND ${source.uid} > ?`;
          params.push(batch.after);
        }
        if (batch.upTo !== undefined && batch.upTo !== null) {
          where += ` AND ${source.uid} <= ?`;
          params.push(batch.upTo);
        }
        await execute(
          manager,
          `INSERT INTO push_outbox (dedupe_key, message_type, user_id, openid, template_id, page, data, urgent, status, attempts, next_attempt_at, notice_id, region_id, created_at, updated_at) ` +
            `SELECT ${concatSql(manager, '?', source.uid)}, ?, ${source.uid}, u.openid, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ? FROM ${where} ` +
            skipDuplicates(manager, 'push_outbox', 'dedupe_key'),
          [message.dedupePrefix, 'notice_published', template.templateId, message.page, data, !!notice.urgent, 'queued', at, notice.id, notice.regionId, at, at, ...params],
        );
        await execute(
          manager,
          `INSERT INTO inbox_item (user_id, type, title, body, page, notice_id, dedupe_key, created_at) ` +
            `SELECT ${source.uid}, ?, ?, ?, ?, ?, ${concatSql(manager, '?', source.uid)}, ? FROM ${where} ` +
            skipDuplicates(manager, 'inbox_item', 'dedupe_key'),
          ['notice_published', message.title, message.body, message.page, notice.id, message.dedupePrefix, at, ...params],
        );
        statements += 2;
      }
    }
    return { written: (await countRows()) - before, statements: statements + 1 };
  }

  /**
   * One message to one resident (case progress, consultation reminders, rating replies …): an outbox
   * row and a message-centre item, both keyed by `dedupeKey` (a second call with the same key writes
   * nothing). Returns false when the resident does not exist or the message was already written.
   */
  async enqueueOne(
    manager: EntityManager,
    m: {
      messageType: PushMessageType;
      userId: number;
      dedupeKey: string;
      values: Record<string, TemplateInput>;
      page: string | null;
      title: string;
      body: string;
      urgent?: boolean;
      noticeId?: number | null;
      regionId?: number | null;
    },
  ): Promise<boolean> {
    const template = this.templates.get(m.messageType);
    const data = JSON.stringify(this.templates.data(m.messageType, m.values));
    const at = toSqlTime(new Date());
    const exists = await manager.query('SELECT 1 AS x FROM push_outbox WHERE dedupe_key = ?', [m.dedupeKey]);
    await execute(
      manager,
      `INSERT INTO push_outbox (dedupe_key, message_type, user_id, openid, template_id, page, data, urgent, status, attempts, next_attempt_at, notice_id, region_id, created_at, updated_at) ` +
        `SELECT ?, ?, u.id, u.openid, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ? FROM app_user u WHERE u.id = ? ` +
        skipDuplicates(manager, 'push_outbox', 'dedupe_key'),
      [m.dedupeKey, m.messageType, template.templateId, m.page, data, !!m.urgent, 'queued', at, m.noticeId ?? null, m.regionId ?? null, at, at, m.userId],
    );
    await execute(
      manager,
      `INSERT INTO inbox_item (user_id, type, title, body, page, notice_id, dedupe_key, created_at) ` +
        `SELECT u.id, ?, ?, ?, ?, ?, ?, ? FROM app_user u WHERE u.id = ? ` +
        skipDuplicates(manager, 'inbox_item', 'dedupe_key'),
      [m.messageType, Array.from(m.title).slice(0, 120).join(''), Array.from(m.body).slice(0, 500).join(''), m.page, m.noticeId ?? null, m.dedupeKey, at, m.userId],
    );
    if (exists.length) return false;
    return (await manager.query('SELECT 1 AS x FROM push_outbox WHERE dedupe_key = ?', [m.dedupeKey])).length > 0;
  }

  /** Groups regions into batches of about FANOUT_BATCH recipients; a larger region becomes user-id slices. */
  private async batches(manager: EntityManager, counts: RegionCount[], source: Source, counted: () => void): Promise<Batch[]> {
    const out: Batch[] = [];
    let group: number[] = [];
    let size = 0;
    const flush = () => {
      if (group.length) out.push({ regionIds: group });
      group = [];
      size = 0;
    };
    for (const { regionId, n } of counts) {
      if (n > this.batchSize) {
        let after = 0;
        for (;;) {
          const b = source.boundary(regionId, after);
          const rows: Array<{ uid: number | string }> = await manager.query(b.sql, b.params);
          counted();
          const upTo = rows.length ? Number(rows[0].uid) : null;
          out.push({ regionIds: [regionId], after, upTo });
          if (upTo === null) break;
          after = upTo;
        }
        continue;
      }
      if (size + n > this.batchSize || group.length >= 200) flush();
      group.push(regionId);
      size += n;
    }
    flush();
    return out;
  }
}
