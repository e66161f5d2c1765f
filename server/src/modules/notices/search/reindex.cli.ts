import dataSource from '../../../database/data-source';
import { NoticeSearchIndexer } from './notice-search.indexer';

/**
 * Rebuilds the search index of the database the environment names (DATABASE_URL, as the server
 * reads it): `node server/dist/modules/notices/search/reindex.cli.js`. One transaction.
 */
async function main(): Promise<void> {
  await dataSource.initialize();
  try {
    const { notices, terms } = await NoticeSearchIndexer.reindexAll(dataSource);
    process.stdout.write(`search index rebuilt: ${notices} published notices, ${terms} terms\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`reindex failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
