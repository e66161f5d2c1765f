import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NoticeSearchIndexer } from './notice-search.indexer';

/**
 * Fills an empty search index at start when there are published notices — a database that had
 * notices before the index existed (the NoticeSearch migration creates it empty), or one restored
 * without it. Two one-row probes otherwise. After a tokeniser change, rebuild by hand:
 * `node server/dist/modules/notices/search/reindex.cli.js`.
 */
@Injectable()
export class NoticeSearchBootstrap implements OnApplicationBootstrap {
  private readonly log = new Logger('Search');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const indexed = await this.db.query('SELECT 1 AS x FROM notice_term LIMIT 1');
    if (indexed.length) return;
    const published = await this.db.query("SELECT 1 AS x FROM notice WHERE status = 'published' LIMIT 1");
    if (!published.length) return;
    const { notices, terms } = await NoticeSearchIndexer.reindexAll(this.db);
    this.log.log(`search index built: ${notices} notices, ${terms} terms`);
  }
}
