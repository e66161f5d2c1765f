/**
 * The reference: a bare Fastify + mysql2 server that runs the same SQL statements as Sunboard's feed
 * and search (the pure builders from server/dist), with the same pool settings, and answers with
 * the raw rows — no Nest, no TypeORM, no guard, no DTO mapping, no logging. What is left between
 * the two is the framework and the mapping; the ratio of their throughput is what the benchmark reports.
 *
 *   GET /feed?regionId=&cursor=&limit=&domain=&kind=&q=
 *
 * Run alone: node bench/feed/reference.mjs mysql://root@127.0.0.1:3306/sunboard_bench 3901
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Fastify = require('fastify');
const mysql = require('mysql2/promise');
const dist = (p) => require(new URL(`../../server/dist/${p}`, import.meta.url).pathname);
const { cardRowsSql, feedKeysSql } = dist('modules/notices/notice-feed.sql.js');
const { searchKeysSql, termCountsSql } = dist('modules/notices/search/notice-search.sql.js');
const { scopeSql } = dist('modules/notices/notice-scope.js');
const { parseSearchQuery } = dist('modules/notices/search/search-terms.js');
const { decodeFeedCursor, encodeFeedCursor } = dist('modules/notices/notice-cursor.js');
const { toSqlTime, fromSqlTime } = dist('modules/notices/search/sql-time.js');

const bit = (v) => (v === true || v === 1 || v === '1' ? 1 : 0);
const ms = (v) => fromSqlTime(v)?.getTime() ?? 0;

export async function startReference(url, port = 0, poolSize = 10) {
  const pool = mysql.createPool({
    uri: url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectionLimit: poolSize,
    enableKeepAlive: true,
  });
  const q = async (sql, params) => (await pool.query(sql, params))[0];
  const app = Fastify({ logger: false });

  app.get('/feed', async (req, reply) => {
    const { regionId, cursor: rawCursor, limit: rawLimit, domain, kind, q: text } = req.query;
    const limit = Math.min(50, Math.max(1, Number(rawLimit ?? 20) || 20));
    const take = limit + 1;
    const byIds = async (keys, withText = false) => {
      if (!keys.length) return [];
      const r = cardRowsSql(keys.map((k) => Number(k.id)), withText);
      const rows = new Map((await q(r.sql, r.params)).map((row) => [Number(row.id), row]));
      return keys.map((k) => rows.get(Number(k.id))).filter(Boolean);
    };
    // The same scope query the server makes (the region and its ancestors by primary key).
    const scope = scopeSql(Number(regionId));
    const [chain] = await q(scope.sql, scope.params);
    if (!chain || chain.id0 === null) return reply.code(404).send({ code: 'REGION_NOT_FOUND' });
    const regionIds = chain.path0.split('/').filter(Boolean).map(Number);

    if (text) {
      const parsed = parseSearchQuery(text);
      if (!parsed.terms.length) return { items: [], nextCursor: null };
      let key = parsed.terms;
      if (key.length > 1) {
        const counted = parsed.terms.slice(0, 16);
        const c = termCountsSql('mysql', counted);
        const counts = await q(c.sql, c.params);
        if (counts.some((x) => Number(x.n) === 0)) return { items: [], nextCursor: null };
        key = counted
          .map((term, i) => ({ term, n: Number(counts.find((x) => Number(x.i) === i).n) }))
          .sort((a, b) => a.n - b.n || (a.term < b.term ? -1 : 1))
          .slice(0, 6)
          .map((x) => x.term);
      }
      const [driver, ...others] = key;
      // As the server's first round: with several terms the title tier alone; the card rows of the candidates.
      const per = take * (parsed.exactByIndex ? 1 : 2);
      const s = searchKeysSql('mysql', { driver, others, regionIds, tier1: null, tier0: others.length ? 'done' : null, asOf: toSqlTime(new Date()), domain, kind, take: per });
      const keys = (await q(s.sql, s.params)).sort((a, b) => Number(b.tier) - Number(a.tier) || ms(b.key_at) - ms(a.key_at) || b.id - a.id);
      const items = await byIds(keys.slice(0, per));
      return { items: items.slice(0, limit), nextCursor: items.length > limit ? 'more' : null };
    }

    const cursor = rawCursor ? decodeFeedCursor(rawCursor) : null;
    const asOf = cursor?.asOf ?? new Date();
    const { sql, params } = feedKeysSql('mysql', {
      regionIds,
      asOf: toSqlTime(asOf),
      domain,
      kind,
      after: cursor ? { urgent: cursor.urgent, pinned: cursor.pinned, publishedAt: toSqlTime(cursor.publishedAt), id: cursor.id } : null,
      take,
    });
    const keys = (await q(sql, params))
      .sort((a, b) => bit(b.urgent) - bit(a.urgent) || bit(b.pinned) - bit(a.pinned) || ms(b.published_at) - ms(a.published_at) || b.id - a.id)
      .slice(0, take);
    const rows = await byIds(keys);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeFeedCursor({ urgent: !!bit(last.urgent), pinned: !!bit(last.pinned), publishedAt: fromSqlTime(last.published_at), id: Number(last.id), asOf })
        : null;
    return { items, nextCursor };
  });

  await app.listen({ port, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${app.server.address().port}`, close: async () => (await app.close(), await pool.end()) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ref = await startReference(process.argv[2], Number(process.argv[3] ?? 0));
  process.stdout.write(`REFERENCE_LISTENING ${ref.url}\n`);
}
