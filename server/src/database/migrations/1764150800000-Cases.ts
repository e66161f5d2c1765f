import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { DEFAULT_CASE_TYPES } from '../../modules/cases/case-type-defaults';
import { boolColumn, idColumn, textColumn, timeColumn } from '../migration-helpers';

/**
 * Cases (办件, issue 5).
 * - `case_type`: kinds of application with their step template (JSON), seeded with the six defaults.
 * - `service_case`: one application; applicant ID/phone encrypted; `current_due_on` mirrors the
 *   active step's due date while open (`ix_case_overdue` (status, current_due_on) serves the overdue
 *   list and the reminder job); `ix_case_applicant` serves 我的办件; `ix_case_region` the staff lists.
 * - `case_step`: the steps copied from the template at opening (a template edit never rewrites them).
 * - `case_event`: the timeline, append-only.
 * - `attachment.case_id`: a photo or file attached to a case's progress (readable by the applicant and
 *   the staff covering the case).
 */
export class Cases1764150800000 implements MigrationInterface {
  name = 'Cases1764150800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'case_type',
        columns: [
          idColumn(),
          { name: 'code', type: 'varchar', length: '40' },
          { name: 'name', type: 'varchar', length: '30' },
          { name: 'domain', type: 'varchar', length: '40' },
          textColumn(q, 'description'),
          boolColumn('active', true),
          textColumn(q, 'steps'),
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'updated_at', { now: true }),
        ],
        indices: [{ name: 'uq_case_type_code', columnNames: ['code'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'service_case',
        columns: [
          idColumn(),
          { name: 'case_no', type: 'varchar', length: '20' },
          { name: 'case_type_id', type: 'integer' },
          { name: 'type_name', type: 'varchar', length: '30' },
          { name: 'domain', type: 'varchar', length: '40' },
          { name: 'region_id', type: 'integer' },
          { name: 'applicant_user_id', type: 'integer', isNullable: true },
          { name: 'applicant_name', type: 'varchar', length: '30' },
          { name: 'applicant_id_enc', type: 'varchar', length: '255', isNullable: true },
          { name: 'applicant_phone_enc', type: 'varchar', length: '255' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'result', type: 'varchar', length: '16', isNullable: true },
          textColumn(q, 'result_reason', { nullable: true }),
          { name: 'current_position', type: 'integer', isNullable: true },
          { name: 'current_due_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'step_count', type: 'integer' },
          textColumn(q, 'correction', { nullable: true }),
          { name: 'claim_failures', type: 'integer', default: 0 },
          timeColumn(q, 'claim_locked_until', { nullable: true }),
          { name: 'opened_by', type: 'integer' },
          timeColumn(q, 'opened_at', { now: true }),
          timeColumn(q, 'updated_at', { now: true }),
          timeColumn(q, 'finished_at', { nullable: true }),
        ],
        indices: [
          { name: 'uq_case_no', columnNames: ['case_no'], isUnique: true },
          { name: 'ix_case_applicant', columnNames: ['applicant_user_id', 'updated_at'] },
          { name: 'ix_case_region', columnNames: ['region_id', 'updated_at'] },
          { name: 'ix_case_overdue', columnNames: ['status', 'current_due_on'] },
        ],
        foreignKeys: [
          { name: 'fk_case_type', columnNames: ['case_type_id'], referencedTableName: 'case_type', referencedColumnNames: ['id'] },
          { name: 'fk_case_region', columnNames: ['region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] },
          { name: 'fk_case_applicant', columnNames: ['applicant_user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
          { name: 'fk_case_opened_by', columnNames: ['opened_by'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_step',
        columns: [
          idColumn(),
          { name: 'case_id', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'name', type: 'varchar', length: '20' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'limit_days', type: 'integer' },
          textColumn(q, 'prepare'),
          boolColumn('publicity'),
          { name: 'state', type: 'varchar', length: '16' },
          timeColumn(q, 'started_at', { nullable: true }),
          { name: 'clock_from', type: 'varchar', length: '10', isNullable: true },
          { name: 'due_on', type: 'varchar', length: '10', isNullable: true },
          boolColumn('due_provisional'),
          timeColumn(q, 'completed_at', { nullable: true }),
          { name: 'notice_id', type: 'integer', isNullable: true },
          { name: 'overdue_reminded_on', type: 'varchar', length: '10', isNullable: true },
        ],
        indices: [{ name: 'uq_case_step', columnNames: ['case_id', 'position'], isUnique: true }],
        foreignKeys: [{ name: 'fk_case_step_case', columnNames: ['case_id'], referencedTableName: 'service_case', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_event',
        columns: [
          idColumn(),
          { name: 'case_id', type: 'integer' },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'position', type: 'integer', isNullable: true },
          { name: 'step_name', type: 'varchar', length: '20', isNullable: true },
          textColumn(q, 'note', { nullable: true }),
          textColumn(q, 'materials', { nullable: true }),
          { name: 'due_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'result', type: 'varchar', length: '16', isNullable: true },
          { name: 'attachment_id', type: 'integer', isNullable: true },
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16', isNullable: true },
          timeColumn(q, 'created_at', { now: true }),
        ],
        indices: [{ name: 'ix_case_event_case', columnNames: ['case_id', 'id'] }],
        foreignKeys: [{ name: 'fk_case_event_case', columnNames: ['case_id'], referencedTableName: 'service_case', referencedColumnNames: ['id'] }],
      }),
    );
    await q.addColumn('attachment', new TableColumn({ name: 'case_id', type: 'integer', isNullable: true }));
    await q.createIndex('attachment', new TableIndex({ name: 'ix_attachment_case', columnNames: ['case_id'] }));

    for (const t of DEFAULT_CASE_TYPES) {
      await q.query('INSERT INTO case_type (code, name, domain, description, active, steps) VALUES (?, ?, ?, ?, ?, ?)', [
        t.code,
        t.name,
        t.domain,
        t.description,
        1,
        JSON.stringify(t.steps),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('attachment', 'ix_attachment_case');
    await q.dropColumn('attachment', 'case_id');
    await q.dropTable('case_event');
    await q.dropTable('case_step');
    await q.dropTable('service_case');
    await q.dropTable('case_type');
  }
}
