import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { boolColumn, idColumn, textColumn, timeColumn } from '../migration-helpers';

/**
 * The `notice` table: the eight standard elements (名称 title, 内容 body, 依据 basis, 时限 time_limit,
 * 主体 publisher, 方式 method, 渠道 channels, 公开对象 audience) plus domain, 五公开 category, kind,
 * region scope, 文号/索引号, validity, 公示 period, workflow status and a JSON `guide` for 办事指南.
 * Enum-like columns are varchars holding the codes in shared/src/enums (no DB enums: both databases).
 */
export class Notices1764150100000 implements MigrationInterface {
  name = 'Notices1764150100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notice',
        columns: [
          idColumn(),
          { name: 'title', type: 'varchar', length: '120' },
          textColumn(q, 'body', { long: true }),
          textColumn(q, 'basis'),
          { name: 'time_limit', type: 'varchar', length: '100' },
          { name: 'publisher', type: 'varchar', length: '100' },
          { name: 'method', type: 'varchar', length: '20' },
          /** JSON array of CHANNELS codes. */
          textColumn(q, 'channels'),
          { name: 'audience', type: 'varchar', length: '20' },
          { name: 'domain', type: 'varchar', length: '40' },
          { name: 'category', type: 'varchar', length: '20' },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'region_id', type: 'integer' },
          { name: 'doc_no', type: 'varchar', length: '100', isNullable: true },
          { name: 'index_no', type: 'varchar', length: '100', isNullable: true },
          timeColumn(q, 'valid_from', { nullable: true }),
          timeColumn(q, 'valid_until', { nullable: true }),
          { name: 'interpretation_id', type: 'integer', isNullable: true },
          timeColumn(q, 'publicity_starts_at', { nullable: true }),
          timeColumn(q, 'publicity_ends_at', { nullable: true }),
          boolColumn('pinned'),
          boolColumn('urgent'),
          { name: 'status', type: 'varchar', length: '20', default: "'draft'" },
          { name: 'author_id', type: 'integer', isNullable: true },
          { name: 'reviewer_id', type: 'integer', isNullable: true },
          timeColumn(q, 'published_at', { nullable: true }),
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'updated_at', { now: true }),
          { name: 'version', type: 'integer', default: 1 },
          /** JSON object of 办事指南 fields (办理条件, 所需材料, 办理流程, 办理地点和时间, 咨询电话, 监督举报电话). */
          textColumn(q, 'guide', { nullable: true }),
        ],
        indices: [
          // The resident feed: status + region IN (…), ordered urgent, pinned, newest, id (keyset).
          { name: 'ix_notice_feed', columnNames: ['status', 'region_id', 'urgent', 'pinned', 'published_at', 'id'] },
          { name: 'ix_notice_region', columnNames: ['region_id'] },
          { name: 'ix_notice_author', columnNames: ['author_id'] },
          { name: 'ix_notice_reviewer', columnNames: ['reviewer_id'] },
          { name: 'ix_notice_interpretation', columnNames: ['interpretation_id'] },
        ],
        foreignKeys: [
          { name: 'fk_notice_region', columnNames: ['region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] },
          { name: 'fk_notice_interpretation', columnNames: ['interpretation_id'], referencedTableName: 'notice', referencedColumnNames: ['id'] },
          { name: 'fk_notice_author', columnNames: ['author_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
          { name: 'fk_notice_reviewer', columnNames: ['reviewer_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notice');
  }
}
