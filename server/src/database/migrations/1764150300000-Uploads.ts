import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { idColumn, textColumn, timeColumn } from '../migration-helpers';

/**
 * Uploads from a phone and 公示 lists imported from xlsx.
 * - `attachment`: an image (re-encoded without EXIF, plus display copy and thumbnail), PDF or xlsx.
 *   It belongs to its uploader (`owner_id`) until a notice claims it (`notice_id`).
 * - `notice_table`: the masked table made from an xlsx (the raw file is never stored); `columns` and
 *   `rows` are JSON (`rows` mediumtext on MySQL).
 * Deleting a notice leaves its uploads unattached (ON DELETE SET NULL) so their owners can remove them.
 */
export class Uploads1764150300000 implements MigrationInterface {
  name = 'Uploads1764150300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'attachment',
        columns: [
          idColumn(),
          { name: 'owner_id', type: 'integer' },
          { name: 'notice_id', type: 'integer', isNullable: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'name', type: 'varchar', length: '255' },
          { name: 'mime', type: 'varchar', length: '100' },
          { name: 'size', type: 'integer' },
          { name: 'storage_key', type: 'varchar', length: '200' },
          { name: 'display_key', type: 'varchar', length: '200', isNullable: true },
          { name: 'thumb_key', type: 'varchar', length: '200', isNullable: true },
          { name: 'width', type: 'integer', isNullable: true },
          { name: 'height', type: 'integer', isNullable: true },
          timeColumn(q, 'created_at', { now: true }),
        ],
        indices: [
          { name: 'ix_attachment_notice', columnNames: ['notice_id'] },
          { name: 'ix_attachment_owner', columnNames: ['owner_id'] },
        ],
        foreignKeys: [
          { name: 'fk_attachment_owner', columnNames: ['owner_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
          { name: 'fk_attachment_notice', columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_table',
        columns: [
          idColumn(),
          { name: 'owner_id', type: 'integer' },
          { name: 'notice_id', type: 'integer', isNullable: true },
          { name: 'title', type: 'varchar', length: '200', isNullable: true },
          textColumn(q, 'columns'),
          textColumn(q, 'rows', { long: true }),
          { name: 'row_count', type: 'integer' },
          timeColumn(q, 'created_at', { now: true }),
        ],
        indices: [
          { name: 'ix_notice_table_notice', columnNames: ['notice_id'] },
          { name: 'ix_notice_table_owner', columnNames: ['owner_id'] },
        ],
        foreignKeys: [
          { name: 'fk_notice_table_owner', columnNames: ['owner_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
          { name: 'fk_notice_table_notice', columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notice_table');
    await q.dropTable('attachment');
  }
}
