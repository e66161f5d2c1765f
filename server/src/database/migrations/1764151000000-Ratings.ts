import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { boolColumn, idColumn, textColumn, timeColumn } from '../migration-helpers';

/**
 * Ratings (好差评, issue 7).
 * - `rating`: one per resident per target (notice, case, consultation); `region_id` and `domain` are
 *   copied from the target at rating time so the dashboard groups without joining three tables;
 *   `tags` is a JSON array of tag codes; `comment_held` marks a comment the content check held.
 *   `ix_rating_region` (region_id, created_at) serves the dashboard, `ix_rating_user` (user_id, id)
 *   serves 我的评价.
 * - `rating_followup`: one per 差评 (level ≤ 2); owned by the rating's region; `due_on` is a Beijing
 *   business date; `ix_followup_region` (region_id, status, due_on) serves the staff list and the
 *   overdue job.
 */
export class Ratings1764151000000 implements MigrationInterface {
  name = 'Ratings1764151000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rating',
        columns: [
          idColumn(),
          { name: 'target_type', type: 'varchar', length: '16' },
          { name: 'target_id', type: 'integer' },
          { name: 'region_id', type: 'integer' },
          { name: 'domain', type: 'varchar', length: '40', isNullable: true },
          { name: 'user_id', type: 'integer' },
          { name: 'level', type: 'integer' },
          { name: 'tags', type: 'varchar', length: '200', default: "'[]'" },
          textColumn(q, 'comment', { nullable: true }),
          boolColumn('comment_held'),
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'updated_at', { now: true }),
        ],
        indices: [
          { name: 'uq_rating_target_user', columnNames: ['target_type', 'target_id', 'user_id'], isUnique: true },
          { name: 'ix_rating_region', columnNames: ['region_id', 'created_at'] },
          { name: 'ix_rating_user', columnNames: ['user_id', 'id'] },
        ],
        foreignKeys: [
          { name: 'fk_rating_region', columnNames: ['region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] },
          { name: 'fk_rating_user', columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rating_followup',
        columns: [
          idColumn(),
          { name: 'rating_id', type: 'integer' },
          { name: 'region_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'outcome', type: 'varchar', length: '16', isNullable: true },
          { name: 'due_on', type: 'varchar', length: '10' },
          boolColumn('provisional'),
          timeColumn(q, 'escalated_at', { nullable: true }),
          { name: 'escalated_to_region_id', type: 'integer', isNullable: true },
          textColumn(q, 'verification', { nullable: true }),
          textColumn(q, 'reply', { nullable: true }),
          textColumn(q, 'fixed', { nullable: true }),
          { name: 'replied_by', type: 'integer', isNullable: true },
          timeColumn(q, 'replied_at', { nullable: true }),
          { name: 'replied_on', type: 'varchar', length: '10', isNullable: true },
          timeColumn(q, 'confirmed_at', { nullable: true }),
          { name: 'confirm_note', type: 'varchar', length: '200', isNullable: true },
          { name: 'appeal_status', type: 'varchar', length: '10', default: "'none'" },
          textColumn(q, 'appeal_reason', { nullable: true }),
          textColumn(q, 'appeal_note', { nullable: true }),
          { name: 'appeal_by', type: 'integer', isNullable: true },
          { name: 'appeal_decided_by', type: 'integer', isNullable: true },
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'closed_at', { nullable: true }),
        ],
        indices: [
          { name: 'uq_followup_rating', columnNames: ['rating_id'], isUnique: true },
          { name: 'ix_followup_region', columnNames: ['region_id', 'status', 'due_on'] },
          { name: 'ix_followup_escalated', columnNames: ['escalated_to_region_id', 'status'] },
        ],
        foreignKeys: [
          { name: 'fk_followup_rating', columnNames: ['rating_id'], referencedTableName: 'rating', referencedColumnNames: ['id'] },
          { name: 'fk_followup_region', columnNames: ['region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] },
          { name: 'fk_followup_escalated_region', columnNames: ['escalated_to_region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] },
          { name: 'fk_followup_replied_by', columnNames: ['replied_by'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rating_followup');
    await q.dropTable('rating');
  }
}
