import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { boolColumn, idColumn, textColumn, timeColumn } from '../migration-helpers';

/**
 * Consultations (征求意见, issue 6).
 * - `consultation`: the draft's elements, region scope, period (status derived from the clock at read
 *   time), options, the adoption report (`result_notice_id`, `concluded_at`) and when the closing
 *   reminder went out.
 * - `consultation_paragraph`: the draft split into articles, in order.
 * - `consultation_attachment`: uploads listed with the draft.
 * - `consultation_comment`: on the whole draft (`paragraph_id` NULL) or one paragraph; status
 *   pending → visible | hidden; `body_hash` for the duplicate check; 代录 comments have `entered_by`
 *   and the resident's name and contact encrypted (FieldCipher), `author_id` NULL.
 * - `consultation_reply`, `consultation_support`, `consultation_report`, `consultation_follow`.
 */
export class Consultations1764150900000 implements MigrationInterface {
  name = 'Consultations1764150900000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'consultation',
        columns: [
          idColumn(),
          { name: 'title', type: 'varchar', length: '120' },
          textColumn(q, 'summary'),
          textColumn(q, 'basis'),
          { name: 'publisher', type: 'varchar', length: '100' },
          { name: 'contact', type: 'varchar', length: '100' },
          { name: 'type', type: 'varchar', length: '24' },
          { name: 'domain', type: 'varchar', length: '40' },
          { name: 'region_id', type: 'integer' },
          timeColumn(q, 'opens_at'),
          timeColumn(q, 'closes_at'),
          boolColumn('open_to_all'),
          boolColumn('pre_moderation'),
          boolColumn('private_comments'),
          { name: 'result_notice_id', type: 'integer', isNullable: true },
          timeColumn(q, 'concluded_at', { nullable: true }),
          textColumn(q, 'change_summary', { nullable: true }),
          timeColumn(q, 'reminded_at', { nullable: true }),
          { name: 'created_by', type: 'integer' },
          timeColumn(q, 'created_at', { now: true }),
          timeColumn(q, 'updated_at', { now: true }),
        ],
        indices: [
          { name: 'ix_consultation_region', columnNames: ['region_id', 'closes_at'] },
          { name: 'ix_consultation_closing', columnNames: ['closes_at', 'reminded_at'] },
        ],
        foreignKeys: [
          { name: 'fk_consultation_region', columnNames: ['region_id'], referencedTableName: 'region', referencedColumnNames: ['id'] },
          { name: 'fk_consultation_creator', columnNames: ['created_by'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'consultation_paragraph',
        columns: [
          idColumn(),
          { name: 'consultation_id', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'heading', type: 'varchar', length: '20' },
          textColumn(q, 'body'),
        ],
        indices: [{ name: 'uq_consultation_paragraph', columnNames: ['consultation_id', 'position'], isUnique: true }],
        foreignKeys: [
          { name: 'fk_paragraph_consultation', columnNames: ['consultation_id'], referencedTableName: 'consultation', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'consultation_attachment',
        columns: [
          { name: 'consultation_id', type: 'integer', isPrimary: true },
          { name: 'attachment_id', type: 'integer', isPrimary: true },
        ],
        foreignKeys: [
          { name: 'fk_cattach_consultation', columnNames: ['consultation_id'], referencedTableName: 'consultation', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'fk_cattach_attachment', columnNames: ['attachment_id'], referencedTableName: 'attachment', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'consultation_comment',
        columns: [
          idColumn(),
          { name: 'consultation_id', type: 'integer' },
          { name: 'paragraph_id', type: 'integer', isNullable: true },
          { name: 'author_id', type: 'integer', isNullable: true },
          { name: 'author_name', type: 'varchar', length: '40' },
          { name: 'entered_by', type: 'integer', isNullable: true },
          textColumn(q, 'proxy_name_enc', { nullable: true }),
          textColumn(q, 'proxy_contact_enc', { nullable: true }),
          textColumn(q, 'body'),
          { name: 'body_hash', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'hold_reason', type: 'varchar', length: '24', isNullable: true },
          { name: 'hidden_reason', type: 'varchar', length: '200', isNullable: true },
          { name: 'moderated_by', type: 'integer', isNullable: true },
          timeColumn(q, 'moderated_at', { nullable: true }),
          { name: 'report_count', type: 'integer', default: 0 },
          { name: 'support_count', type: 'integer', default: 0 },
          { name: 'sec_label', type: 'integer', isNullable: true },
          { name: 'sec_trace_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'adoption', type: 'varchar', length: '16', isNullable: true },
          textColumn(q, 'adoption_reason', { nullable: true }),
          { name: 'answered_by', type: 'integer', isNullable: true },
          timeColumn(q, 'answered_at', { nullable: true }),
          timeColumn(q, 'created_at'),
        ],
        indices: [
          { name: 'ix_comment_consultation', columnNames: ['consultation_id', 'status', 'id'] },
          { name: 'ix_comment_author', columnNames: ['author_id', 'id'] },
          { name: 'ix_comment_status', columnNames: ['status', 'id'] },
        ],
        foreignKeys: [
          { name: 'fk_comment_consultation', columnNames: ['consultation_id'], referencedTableName: 'consultation', referencedColumnNames: ['id'] },
          { name: 'fk_comment_paragraph', columnNames: ['paragraph_id'], referencedTableName: 'consultation_paragraph', referencedColumnNames: ['id'] },
          { name: 'fk_comment_author', columnNames: ['author_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'consultation_reply',
        columns: [idColumn(), { name: 'comment_id', type: 'integer' }, { name: 'author_id', type: 'integer' }, textColumn(q, 'body'), timeColumn(q, 'created_at')],
        indices: [{ name: 'ix_reply_comment', columnNames: ['comment_id', 'id'] }],
        foreignKeys: [
          { name: 'fk_reply_comment', columnNames: ['comment_id'], referencedTableName: 'consultation_comment', referencedColumnNames: ['id'] },
          { name: 'fk_reply_author', columnNames: ['author_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
    for (const name of ['consultation_support', 'consultation_report']) {
      const short = name === 'consultation_support' ? 'support' : 'report';
      await q.createTable(
        new Table({
          name,
          columns: [
            { name: 'comment_id', type: 'integer', isPrimary: true },
            { name: 'user_id', type: 'integer', isPrimary: true },
            ...(short === 'report' ? [{ name: 'reason', type: 'varchar', length: '200', default: "''" }] : []),
            timeColumn(q, 'created_at', { now: true }),
          ],
          foreignKeys: [
            { name: `fk_${short}_comment`, columnNames: ['comment_id'], referencedTableName: 'consultation_comment', referencedColumnNames: ['id'] },
            { name: `fk_${short}_user`, columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
          ],
        }),
      );
    }
    await q.createTable(
      new Table({
        name: 'consultation_follow',
        columns: [
          { name: 'consultation_id', type: 'integer', isPrimary: true },
          { name: 'user_id', type: 'integer', isPrimary: true },
          timeColumn(q, 'created_at', { now: true }),
        ],
        foreignKeys: [
          { name: 'fk_follow_consultation', columnNames: ['consultation_id'], referencedTableName: 'consultation', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'fk_follow_user', columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['consultation_follow', 'consultation_report', 'consultation_support', 'consultation_reply', 'consultation_comment', 'consultation_attachment', 'consultation_paragraph', 'consultation']) {
      await q.dropTable(t);
    }
  }
}
