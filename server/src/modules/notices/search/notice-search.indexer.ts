import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../../../database/transaction';
import { Notice } from '../notice.entity';
import { noticeTerms } from './notice-search-document';
import { toSqlTime } from './sql-time';

/** Rows per multi-row INSERT: 5 parameters each, far below SQLite's and MySQL's placeholder limits. */
const INSERT_BATCH = 400;
/** Notices loaded per round by reindexAll. */
const REINDEX_BATCH = 200;

/**
 * Keeps `notice_term` (the inverted index, see the NoticeSearch migration) in step with what residents
 * can read. Call it inside the transaction that changes a notice, so the index never disagrees with
 * the notice table:
 * - `index(manager, notice)` after publishing, correcting or editing a notice: replaces its rows; a
 *   notice that is not (or no longer) published simply ends up with none.
 * - `remove(manager, noticeId)` on withdrawal or expiry.
 * - `reindexAll(db)` rebuilds everything (after the demo seed, after a tokeniser change).
 * Static, so the workflow code calls it without injection: `NoticeSearchIndexer.index(tx, notice)`.
 */
export class NoticeSearchIndexer {
  static async index(manager: EntityManager, notice: Notice): Promise<number> {
    await NoticeSearchIndexer.remove(manager, notice.id);
    if (notice.status !== 'published' || !notice.publishedAt) return 0;
    const publishedAt = toSqlTime(notice.publishedAt);
    const rows: unknown[][] = [];
    for (const [term, inTitle] of noticeTerms(notice)) rows.push([notice.id, term, notice.regionId, inTitle ? 1 : 0, publishedAt]);
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      await manager.query(
        `INSERT INTO notice_term (notice_id, term, region_id, in_title, published_at) VALUES ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        batch.flat(),
      );
    }
    return rows.length;
  }

  static async remove(manager: EntityManager, noticeId: number): Promise<void> {
    await manager.query('DELETE FROM notice_term WHERE notice_id = ?', [noticeId]);
  }

  /**
   * Rebuilds the whole index — in a transaction of its own when given the DataSource, inside the
   * caller's when given a manager — walking the published notices by id in
   * batches. Returns how many notices and rows were indexed.
   */
  static async reindexAll(db: DataSource | EntityManager): Promise<{ notices: number; terms: number }> {
    const run = async (m: EntityManager) => {
      await m.query('DELETE FROM notice_term');
      let notices = 0;
      let terms = 0;
      let after = 0;
      for (;;) {
        const batch = await m
          .getRepository(Notice)
          .createQueryBuilder('n')
          .where('n.status = :status', { status: 'published' })
          .andWhere('n.id > :after', { after })
          .orderBy('n.id', 'ASC')
          .limit(REINDEX_BATCH)
          .getMany();
        if (!batch.length) break;
        for (const n of batch) {
          terms += await NoticeSearchIndexer.index(m, n);
          notices++;
        }
        after = batch[batch.length - 1].id;
      }
      return { notices, terms };
    };
    return db instanceof DataSource ? inTransaction(db, run) : run(db);
  }
}
