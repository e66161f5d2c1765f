/**
 * Fills the benchmark database (already migrated by the server) with multi-row INSERTs: the region
 * tree, residents, notices, and the search index rows — computed with the server's own tokeniser
 * (server/dist), exactly what NoticeSearchIndexer would write, but in bulk: the index's secondary
 * key is dropped while loading and rebuilt once at the end (a sorted build instead of millions of
 * random inserts).
 */
import { createRequire } from 'node:module';
import { notices as generateNotices, regionTree } from './corpus.mjs';

const require = createRequire(import.meta.url);
const dist = (p) => require(new URL(`../../server/dist/${p}`, import.meta.url).pathname);
const { noticeTerms } = dist('modules/notices/search/notice-search-document.js');
const { toSqlTime } = dist('modules/notices/search/sql-time.js');

const now = () => performance.now();

/** Runs INSERT batches with up to `depth` statements in flight (the next batch is built while the database writes). */
class Inserter {
  constructor(pool, depth = 2) {
    this.pool = pool;
    this.depth = depth;
    this.inflight = new Set();
  }
  async run(sql) {
    while (this.inflight.size >= this.depth) await Promise.race(this.inflight);
    const p = this.pool.query(sql).finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }
  async drain() {
    await Promise.all(this.inflight);
  }
}

export async function seed(pool, { notices: noticeCount, residents, log = console.log }) {
  const esc = (v) => pool.escape(v);
  const t0 = now();
  await pool.query('SET SESSION foreign_key_checks = 0');

  const regions = regionTree();
  await pool.query(
    `INSERT INTO region (id, code, name, level, parent_id, path, depth) VALUES ${regions
      .map((r) => `(${r.id}, ${esc(r.code)}, ${esc(r.name)}, ${esc(r.level)}, ${r.parentId ?? 'NULL'}, ${esc(r.path)}, ${r.depth})`)
      .join(', ')}`,
  );
  log(`  regions: ${regions.length}`);

  const homes = regions.filter((r) => r.level === 'community' || r.level === 'village' || r.level === 'grid');
  const ins = new Inserter(pool, 2);
  for (let i = 0; i < residents; i += 5000) {
    const rows = [];
    for (let j = i; j < Math.min(residents, i + 5000); j++) rows.push(`('o_bench_${j}', '居民${j}', ${homes[j % homes.length].id}, 0)`);
    await ins.run(`INSERT INTO app_user (openid, display_name, home_region_id, elder_mode) VALUES ${rows.join(', ')}`);
  }
  await ins.drain();
  log(`  residents: ${residents} (${((now() - t0) / 1000).toFixed(1)} s)`);

  // The index's search key is rebuilt after loading (see the module comment).
  await pool.query('ALTER TABLE notice_term DROP INDEX ix_notice_term_search');
  let batch = [];
  let terms = [];
  let termCount = 0;
  let published = 0;
  const flushNotices = async () => {
    if (!batch.length) return;
    await ins.run(
      'INSERT INTO notice (id, title, body, basis, time_limit, publisher, method, channels, audience, domain, category, kind, region_id, doc_no, index_no, pinned, urgent, status, published_at, created_at, updated_at, version) VALUES ' +
        batch.join(', '),
    );
    batch = [];
  };
  const flushTerms = async () => {
    if (!terms.length) return;
    await ins.run(`INSERT INTO notice_term (notice_id, term, region_id, in_title, published_at) VALUES ${terms.join(', ')}`);
    terms = [];
  };
  for (const n of generateNotices(regions, noticeCount)) {
    const at = n.publishedAt ? esc(toSqlTime(n.publishedAt)) : 'NULL';
    const created = esc(toSqlTime(n.createdAt));
    batch.push(
      `(${n.id}, ${esc(n.title)}, ${esc(n.body)}, ${esc(n.basis)}, ${esc(n.timeLimit)}, ${esc(n.publisher)}, 'active', ${esc(n.channels)}, 'public', ` +
        `${esc(n.domain)}, 'execution', ${esc(n.kind)}, ${n.regionId}, ${n.docNo ? esc(n.docNo) : 'NULL'}, NULL, ${n.pinned ? 1 : 0}, ${n.urgent ? 1 : 0}, ` +
        `${esc(n.status)}, ${at}, ${created}, ${n.publishedAt ? at : created}, 1)`,
    );
    if (batch.length >= 500) await flushNotices();
    if (n.status === 'published') {
      published++;
      for (const [term, inTitle] of noticeTerms({ ...n, guide: null })) {
        terms.push(`(${n.id}, ${esc(term)}, ${n.regionId}, ${inTitle ? 1 : 0}, ${at})`);
        termCount++;
      }
      if (terms.length >= 8000) {
        await flushNotices(); // notices before their terms (tidy, though FK checks are off)
        await flushTerms();
      }
    }
    if (n.id % 10000 === 0) log(`  notices: ${n.id} (${((now() - t0) / 1000).toFixed(1)} s)`);
  }
  await flushNotices();
  await flushTerms();
  await ins.drain();
  log(`  notices: ${noticeCount} (${published} published), index rows: ${termCount} (${((now() - t0) / 1000).toFixed(1)} s)`);

  await pool.query('ALTER TABLE notice_term ADD INDEX ix_notice_term_search (term, region_id, in_title, published_at, notice_id)');
  await pool.query('ANALYZE TABLE region, app_user, notice, notice_term');
  await pool.query('SET SESSION foreign_key_checks = 1');
  log(`  index built (${((now() - t0) / 1000).toFixed(1)} s)`);
  return { regions, published, termCount };
}
