import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { boolColumn, idColumn, textColumn, timeColumn } from '../migration-helpers';

/**
 * Targeted push (issue 4): the data contract shared by push core, the dispatcher and the receipts.
 *
 * - `subscription`: a resident's topic — a region × optional domain × optional kind. "Any" is stored
 *   as '' (not NULL) in `domain` and `kind`: both MySQL/MariaDB and SQLite let NULLs repeat in a
 *   UNIQUE index, so NULL would let the same topic in twice. A notice for region R reaches the
 *   subscriptions whose region is R or lies below R (`region.path LIKE 'R-path%'`), with domain and
 *   kind equal or ''. `ix_subscription_target` (region_id, user_id, domain, kind) serves that fan-out
 *   as one ordered index range per region (an addition to the contract's indexes).
 * - `subscribe_credit`: per (user, template) the one-time credits left, the long-term flag, and
 *   whether the resident switched the template off (subscribe_msg_change_event or a `ban`).
 * - `push_outbox`: one row per (recipient, message), unique `dedupe_key`; `data` is JSON of the
 *   already-fitted values as `{"thing1":"…","time2":"…"}` (the dispatcher wraps each as `{value}`);
 *   status queued → sending → sent | refused | failed; `msgid` is a string (WeChat's exceed 2^53).
 *   `ix_push_outbox_region` (region_id, created_at) serves the per-region figures (an addition).
 * - `inbox_item`: the in-app message centre, one per recipient and message, whether or not WeChat
 *   delivery is possible. `ix_inbox_notice` (notice_id, read_at) serves the per-notice figures (an addition).
 * - `push_event`: delivery receipts and switch-offs as WeChat sent them.
 */
export class Push1764150500000 implements MigrationInterface {
  name = 'Push1764150500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'subscription',
        columns: [
          idColumn(),
          { name: 'user_id', type: 'integer' },
          { name: 'region_id', type: 'integer' },
          { name: 'domain', type: 'varchar', length: '40', default: "''" },
          { name: 'kind', type: 'varchar', length: '30', default: "''" },
          timeColumn(q, 'created_at', { now: true }),
        ],
        indices: [
          { name: 'uq_subscription_topic', columnNames: ['user_id', 'region_id', 'domain', 'kind'], isUnique: true },
          { name: 'ix_subscription_target', columnNames: ['region_id', 'user_id', 'domain', 'kind'] },
        ],
        foreignKeys: [
          { name: 'fk_subscription_user', columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
          { name: 'fk_subscription_region', columnNames: ['region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'subscribe_credit',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'template_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'remaining', type: 'integer', default: 0 },
          boolColumn('long_term'),
          boolColumn('switched_off'),
          timeColumn(q, 'updated_at', { now: true }),
        ],
        foreignKeys: [{ name: 'fk_subscribe_credit_user', columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'push_outbox',
        columns: [
          idColumn(),
          { name: 'dedupe_key', type: 'varchar', length: '191' },
          { name: 'message_type', type: 'varchar', length: '40' },
          { name: 'user_id', type: 'integer' },
          { name: 'openid', type: 'varchar', length: '64' },
          { name: 'template_id', type: 'varchar', length: '64' },
          { name: 'page', type: 'varchar', length: '255', isNullable: true },
          textColumn(q, 'data'),
          boolColumn('urgent'),
          { name: 'status', type: 'varchar', length: '16', default: "'queued'" },
          { name: 'attempts', type: 'integer', default: 0 },
          timeColumn(q, 'next_attempt_at', { now: true }),
          timeColumn(q, 'lease_until', { nullable: true }),
          { name: 'worker_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'msgid', type: 'varchar', length: '32', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '255', isNullable: true },
          { name: 'notice_id', type: 'integer', isNullable: true },
          { name: 'region_id', type: 'integer', isNullable: true },
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'updated_at', { now: true }),
          timeColumn(q, 'sent_at', { nullable: true }),
        ],
        indices: [
          { name: 'uq_push_outbox_dedupe', columnNames: ['dedupe_key'], isUnique: true },
          { name: 'ix_push_outbox_claim', columnNames: ['status', 'next_attempt_at', 'id'] },
          { name: 'ix_push_outbox_notice', columnNames: ['notice_id', 'status'] },
          { name: 'ix_push_outbox_user', columnNames: ['user_id'] },
          { name: 'ix_push_outbox_region', columnNames: ['region_id', 'created_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inbox_item',
        columns: [
          idColumn(),
          { name: 'user_id', type: 'integer' },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'title', type: 'varchar', length: '120' },
          { name: 'body', type: 'varchar', length: '500' },
          { name: 'page', type: 'varchar', length: '255', isNullable: true },
          { name: 'notice_id', type: 'integer', isNullable: true },
          { name: 'dedupe_key', type: 'varchar', length: '191' },
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'read_at', { nullable: true }),
        ],
        indices: [
          { name: 'uq_inbox_dedupe', columnNames: ['dedupe_key'], isUnique: true },
          { name: 'ix_inbox_user', columnNames: ['user_id', 'id'] },
          { name: 'ix_inbox_user_read', columnNames: ['user_id', 'read_at'] },
          { name: 'ix_inbox_notice', columnNames: ['notice_id', 'read_at'] },
        ],
        foreignKeys: [{ name: 'fk_inbox_user', columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'push_event',
        columns: [
          idColumn(),
          { name: 'event', type: 'varchar', length: '40' },
          { name: 'openid', type: 'varchar', length: '64' },
          { name: 'template_id', type: 'varchar', length: '64' },
          { name: 'msgid', type: 'varchar', length: '32', isNullable: true },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'error_code', type: 'integer', isNullable: true },
          timeColumn(q, 'received_at', { now: true }),
          textColumn(q, 'raw'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['push_event', 'inbox_item', 'push_outbox', 'subscribe_credit', 'subscription']) await q.dropTable(t);
  }
}
