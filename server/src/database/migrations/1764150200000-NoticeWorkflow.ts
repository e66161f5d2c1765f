import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { idColumn, textColumn, timeColumn } from '../migration-helpers';

/**
 * Review before publishing and what grows around it:
 * - `audit_log`: the append-only publication register (发布登记), one row per step, with sha256
 *   digests of the item's content before and after;
 * - `notice_version`: every published version of a notice (a correction after publishing adds one;
 *   the old ones stay readable);
 * - `notice_workflow`: per-notice review state that is not content — the last rejection and withdrawal
 *   reasons and a grid worker's correction waiting for review (kept out of `notice`, which the feed reads);
 * - `notice_read`: a resident's first view of a notice (知晓率);
 * - an index for the expiry job (published 公示 by end of period).
 */
export class NoticeWorkflow1764150200000 implements MigrationInterface {
  name = 'NoticeWorkflow1764150200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          idColumn(),
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'target_type', type: 'varchar', length: '32' },
          { name: 'target_id', type: 'integer' },
          { name: 'region_id', type: 'integer', isNullable: true },
          timeColumn(q, 'at', { now: true }),
          { name: 'digest_before', type: 'varchar', length: '64', isNullable: true },
          { name: 'digest_after', type: 'varchar', length: '64', isNullable: true },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [
          { name: 'ix_audit_target', columnNames: ['target_type', 'target_id', 'id'] },
          { name: 'ix_audit_region_at', columnNames: ['region_id', 'at'] },
          { name: 'ix_audit_actor', columnNames: ['actor_id'] },
        ],
        foreignKeys: [{ name: 'fk_audit_actor', columnNames: ['actor_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_version',
        columns: [
          idColumn(),
          { name: 'notice_id', type: 'integer' },
          { name: 'version', type: 'integer' },
          /** JSON: the notice's content as published in this version. */
          textColumn(q, 'snapshot', { long: true }),
          { name: 'author_id', type: 'integer', isNullable: true },
          timeColumn(q, 'created_at', { now: true }),
        ],
        indices: [{ name: 'uq_notice_version', columnNames: ['notice_id', 'version'], isUnique: true }],
        foreignKeys: [
          { name: 'fk_notice_version_notice', columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'] },
          { name: 'fk_notice_version_author', columnNames: ['author_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_workflow',
        columns: [
          { name: 'notice_id', type: 'integer', isPrimary: true },
          { name: 'rejection_reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'withdrawal_reason', type: 'varchar', length: '500', isNullable: true },
          /** JSON: the fields a grid worker's correction of a published notice changes. */
          textColumn(q, 'revision', { long: true, nullable: true }),
          { name: 'revision_author_id', type: 'integer', isNullable: true },
          timeColumn(q, 'revision_at', { nullable: true }),
          timeColumn(q, 'updated_at', { now: true }),
        ],
        indices: [{ name: 'ix_notice_workflow_revision', columnNames: ['revision_author_id'] }],
        foreignKeys: [
          { name: 'fk_notice_workflow_notice', columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'] },
          { name: 'fk_notice_workflow_revision_author', columnNames: ['revision_author_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_read',
        columns: [
          { name: 'notice_id', type: 'integer', isPrimary: true },
          { name: 'user_id', type: 'integer', isPrimary: true },
          timeColumn(q, 'first_read_at', { now: true }),
        ],
        indices: [{ name: 'ix_notice_read_user', columnNames: ['user_id'] }],
        foreignKeys: [
          { name: 'fk_notice_read_notice', columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'] },
          { name: 'fk_notice_read_user', columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
    // The expiry job: published 公示 whose period has ended, found without scanning every notice.
    await q.createIndex('notice', new TableIndex({ name: 'ix_notice_expiry', columnNames: ['status', 'kind', 'publicity_ends_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('notice', 'ix_notice_expiry');
    for (const t of ['notice_read', 'notice_workflow', 'notice_version', 'audit_log']) await q.dropTable(t);
  }
}
