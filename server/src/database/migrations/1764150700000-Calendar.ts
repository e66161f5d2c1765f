import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { timeColumn } from '../migration-helpers';

/**
 * The working-day calendar's local part (issue 5): admins' corrections to the holiday library.
 * - `calendar_day`: one Beijing date marked working (调休上班) or off (a holiday), with its name.
 * - `calendar_year`: years an admin has entered in full; counts running into them are not provisional.
 */
export class Calendar1764150700000 implements MigrationInterface {
  name = 'Calendar1764150700000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_day',
        columns: [
          { name: 'date', type: 'varchar', length: '10', isPrimary: true },
          { name: 'work', type: 'boolean' },
          { name: 'name', type: 'varchar', length: '40' },
          { name: 'updated_by', type: 'integer', isNullable: true },
          timeColumn(q, 'updated_at', { now: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_year',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'confirmed_by', type: 'integer', isNullable: true },
          timeColumn(q, 'confirmed_at', { now: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('calendar_year');
    await q.dropTable('calendar_day');
  }
}
