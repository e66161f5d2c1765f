import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { boolColumn, isMysql, timeColumn } from '../migration-helpers';

/**
 * Search and the filtered feed.
 *
 * `notice_term` is the inverted index of published notices (docs/performance.md): one row per
 * (notice, term) — a Han unigram or bigram, or a lower-cased Latin/digit token — flagged when the
 * term is in the title, and carrying the notice's region and publishing time, so that
 * `ix_notice_term_search` (term, region_id, in_title, published_at, notice_id) hands out one
 * region's matches already in rank order: a page is an index range, for a common word as for a
 * rare one, and a word nobody used ends at its first index probe. The primary key leads with
 * notice_id, so writing or removing one notice's rows touches one contiguous range. Terms compare
 * byte-wise (utf8mb4_bin on MariaDB/MySQL, SQLite's default BINARY) — the tokeniser already
 * normalised case and width.
 *
 * The two feed indexes serve the domain and kind filter chips the same way ix_notice_feed serves
 * the unfiltered feed: equality on (status, region, filter), then the feed order.
 */
export class NoticeSearch1764150400000 implements MigrationInterface {
  name = 'NoticeSearch1764150400000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = isMysql(q);
    await q.createTable(
      new Table({
        name: 'notice_term',
        columns: [
          { name: 'notice_id', type: 'integer', isPrimary: true },
          { name: 'term', type: 'varchar', length: '32', isPrimary: true, ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}) },
          { name: 'region_id', type: 'integer' },
          boolColumn('in_title'),
          timeColumn(q, 'published_at'),
        ],
        indices: [{ name: 'ix_notice_term_search', columnNames: ['term', 'region_id', 'in_title', 'published_at', 'notice_id'] }],
        foreignKeys: [
          { name: 'fk_notice_term_notice', columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await q.createIndex('notice', new TableIndex({ name: 'ix_notice_feed_domain', columnNames: ['status', 'region_id', 'domain', 'urgent', 'pinned', 'published_at', 'id'] }));
    await q.createIndex('notice', new TableIndex({ name: 'ix_notice_feed_kind', columnNames: ['status', 'region_id', 'kind', 'urgent', 'pinned', 'published_at', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('notice', 'ix_notice_feed_kind');
    await q.dropIndex('notice', 'ix_notice_feed_domain');
    await q.dropTable('notice_term');
  }
}
