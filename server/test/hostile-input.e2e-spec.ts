import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { resident } from './support/consultation-fixtures';
import { multipart } from './support/multipart';
import { noticeInput } from './support/notice-fixtures';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app';
import type { ActorName } from './security/actors';
import { applyPlan, type GeneratedBody, generatedBodies, idOverrides } from './security/body-mutation';
import { countChanges, rowCounts } from './security/db-snapshot';
import { jpeg, securityWorld, type SecurityWorld, xlsx } from './security/fixtures';
import { HOSTILE_IDS, hostileString, LONG_CHINESE, PWN, SEARCH_OPERATORS } from './security/hostile-values';
import type { MatrixRow, RequestSpec } from './security/matrix-types';
import { peakRssRise } from './security/memory';
import { assertRegistered, recordRoutes, type RegisteredRoute, routeKey } from './security/route-list';
import { ROUTE_MATRIX } from './security/route-matrix';
import { routeSchemas, type RouteSchemas } from './security/route-schemas';
import { zipBomb } from './security/zip-bomb';
import { arbitraryOf } from './security/zod-arbitrary';

/** Generated inputs per route: enough to find the weak field of a route, within a CI minute or two. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? (process.env.TEST_DB === 'mysql' ? 15 : 50));
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined;
const WRITE = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Who sends a route's generated inputs: the first of these the matrix lets in. */
const CALLER_PREFERENCE: ActorName[] = ['gridIn', 'reviewer', 'admin', 'residentA', 'residentB', 'anon'];
/** Rate-limited per account: each generated input comes from a new resident of X instead. */
const PER_ACCOUNT_LIMITED = new Set(['POST /api/consultations/:id/comments', 'POST /api/cases/claim', 'POST /api/staff/claim']);
/** Routes that read the raw request for a file: covered by the upload cases below, not by generated JSON. */
const FILE_ROUTES = new Set(['POST /api/uploads', 'POST /api/notice-tables/import', 'POST /api/regions/import']);

const splitRoute = (route: string) => [route.slice(0, route.indexOf(' ')), route.slice(route.indexOf(' ') + 1)] as const;
const fill = (pattern: string, params: Record<string, string | number> = {}) => pattern.replace(/:([A-Za-z]+)/g, (_, n: string) => encodeURIComponent(String(params[n])));
const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
};

/**
 * Issue 8.2 — hostile input. Every write route gets generated bodies (fast-check: valid bodies with
 * hostile values put in, bodies drawn from the route's own zod schema, raw text that is not even
 * JSON): never a 5xx, and a refused input leaves every table as it was. Every path parameter gets
 * hostile ids. Uploads get oversized files, path tricks and NUL in names, decompression bombs, a
 * "PNG" that is a script, and emoji with long Chinese names.
 */
describe('hostile input', () => {
  let t: TestApp;
  let w: SecurityWorld;
  let routes: RegisteredRoute[];
  let schemas: RouteSchemas[];

  beforeAll(async () => {
    ({ started: t, routes } = await recordRoutes(() => startTestApp()));
    assertRegistered(t.app, routes);
    schemas = routeSchemas(t.app);
    w = await securityWorld(t, 'hi');
  }, 120_000);
  afterAll(() => t?.close());

  const schemaOf = (route: string) => schemas.find((s) => `${s.method} ${s.path}` === route);
  /** The first (unlabelled) matrix row of each route. */
  const rowOf = (route: string) => ROUTE_MATRIX.find((r) => r.route === route && !r.label) ?? ROUTE_MATRIX.find((r) => r.route === route);
  const callerOf = (row: MatrixRow) => CALLER_PREFERENCE.find((a) => typeof row.expect[a] !== 'number' || (row.expect[a] as number) < 300)!;
  const writeRows = ROUTE_MATRIX.filter((r): r is MatrixRow & { route: string } => typeof r.route === 'string' && WRITE.includes(splitRoute(r.route)[0]) && !r.label);

  it('knows how every write route takes its input: a zod-validated body, a file, or none', () => {
    const writes = routes.filter((r) => WRITE.includes(r.method) && r.path.startsWith('/api/'));
    const problems: string[] = [];
    for (const r of writes) {
      const key = routeKey(r);
      const s = schemaOf(key);
      if (!s) problems.push(`${key}: no controller handler found`);
      else if (!rowOf(key)) problems.push(`${key}: no matrix row to build a valid call from`);
      else if (s.rawRequest && !FILE_ROUTES.has(key) && key !== 'POST /api/wechat/events') problems.push(`${key}: reads the raw request; add its hostile cases here`);
    }
    expect(problems).toEqual([]);
  });

  describe('generated bodies on every write route: never a 5xx; a refusal writes nothing', () => {
    for (const row of writeRows.filter((r) => !FILE_ROUTES.has(r.route))) {
      it(row.route, async () => {
        const [method, pattern] = splitRoute(row.route);
        const schema = schemaOf(row.route)?.body;
        const actor = callerOf(row);
        const template = (await row.request({ t, w, actor })).body;
        const statuses: Record<string, number> = {};
        let reachedService = !schema;
        await fc.assert(
          fc.asyncProperty(generatedBodies(schema, template), async (generated: GeneratedBody) => {
            const spec: RequestSpec = await row.request({ t, w, actor });
            let token = spec.noToken ? undefined : w.member[actor]?.token;
            if (PER_ACCOUNT_LIMITED.has(row.route)) token = (await resident(t, `o_hi_${w.make.seq()}_${Date.now().toString(36)}`, '钱七', w.world.tree.communityA1.id)).token;
            const text = generated.kind === 'raw' ? generated.text : generated.kind === 'schema' ? JSON.stringify(generated.body) : applyPlan(spec.body ?? {}, generated.plan);
            const before = await rowCounts(t);
            const res = await t.request(method, fill(pattern, spec.params), {
              token,
              query: spec.query,
              ...(text === undefined ? {} : { payload: text, headers: { 'content-type': 'application/json' } }),
            });
            const outcome = `${generated.kind === 'mutated' ? generated.plan.mode : generated.kind}: ${res.status < 400 ? res.status : `${res.status} ${res.body?.code} ${res.body?.details?.[0]?.path ?? ''}`.trim()}`;
            if (process.env.HOSTILE_DEBUG) console.log(row.route, outcome, short(text), short(res.body));
            statuses[outcome] = (statuses[outcome] ?? 0) + 1;
            if (res.status < 300 || (res.status < 500 && res.body?.code !== 'VALIDATION_FAILED')) reachedService = true;
            if (res.status >= 500) throw new Error(`${res.status} for ${short(text)}: ${short(res.body)}`);
            if (res.status >= 400) {
              const changed = countChanges(before, await rowCounts(t));
              if (Object.keys(changed).length) throw new Error(`${res.status} yet rows changed ${JSON.stringify(changed)} for ${short(text)}`);
              if (typeof res.body !== 'object' || !res.body.code) throw new Error(`${res.status} without an error body: ${short(res.body)}`);
            }
          }),
          // The valid call itself comes first, so the route is always seen past its validator too.
          { numRuns: RUNS, seed: SEED, endOnFailure: true, examples: template === undefined ? [] : [[{ kind: 'schema', body: template } as GeneratedBody]] },
        );
        // The run must have got past the validator at least once, or it tested only the validator.
        expect({ route: row.route, reachedService, statuses }).toEqual({ route: row.route, reachedService: true, statuses });
      }, 120_000);
    }
  });

  describe('generated query strings on every read route with a zod-validated query: never a 5xx', () => {
    const readRows = ROUTE_MATRIX.filter((r): r is MatrixRow & { route: string } => typeof r.route === 'string' && r.route.startsWith('GET /api/') && !r.label);
    for (const row of readRows) {
      it(row.route, async () => {
        const query = schemaOf(row.route)?.query;
        if (!query) return; // no query to attack; the path-parameter case covers its ids
        const actor = callerOf(row);
        const template = (await row.request({ t, w, actor })).query ?? {};
        const asQuery = (v: unknown): Record<string, string> =>
          Object.fromEntries(Object.entries(v && typeof v === 'object' && !Array.isArray(v) ? v : { q: v }).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x) ?? '']));
        const generated = fc.oneof(
          arbitraryOf(query, { overrides: idOverrides(template), hostile: 0.4 }).map(asQuery),
          fc.tuple(fc.constantFrom(...Object.keys({ ...template, q: 1, cursor: 1, limit: 1 })), fc.oneof(fc.constantFrom(...SEARCH_OPERATORS), hostileString, fc.constantFrom('-1', '0', '1e9', 'NaN', '[]', 'true'))).map(([k, v]) => ({ ...asQuery(template), [k]: v })),
        );
        await fc.assert(
          fc.asyncProperty(generated, async (q) => {
            const spec = await row.request({ t, w, actor });
            const res = await t.request('GET', fill(splitRoute(row.route)[1], spec.params), { token: spec.noToken ? undefined : w.member[actor]?.token, query: q });
            if (res.status >= 500) throw new Error(`${res.status} for ${short(q)}: ${short(res.body)}`);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }, 120_000);
    }
  });

  it('hostile path parameters on every route: a 4xx, never a 5xx, nothing written', async () => {
    const problems: string[] = [];
    for (const r of routes.filter((x) => x.path.includes('/:') && x.method !== 'HEAD')) {
      const key = routeKey(r);
      const row = rowOf(key);
      if (!row) continue; // the matrix spec reports it
      const spec = await row.request({ t, w, actor: 'admin' });
      for (const name of [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1])) {
        for (const id of HOSTILE_IDS) {
          const segment = /^[A-Za-z0-9%._~-]*$/.test(id) ? id : encodeURIComponent(id);
          const url = r.path.replace(/:([A-Za-z]+)/g, (_, n: string) => (n === name ? segment : encodeURIComponent(String(spec.params?.[n]))));
          for (const token of [w.member.admin!.token, undefined]) {
            const before = await rowCounts(t);
            const res = await t.request(r.method, url, { token, query: spec.query, body: spec.body });
            const changed = countChanges(before, await rowCounts(t));
            if (res.status < 400 || res.status >= 500 || Object.keys(changed).length) {
              problems.push(`${r.method} ${url} ${token ? 'admin' : 'anon'}: ${res.status} ${Object.keys(changed).length ? JSON.stringify(changed) : ''}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);

  describe('oversized and mistyped bodies', () => {
    it('a JSON body over the 1 MB limit: 413 before anything runs, logged in or not', async () => {
      const before = await rowCounts(t);
      const big = noticeInput(w.world.tree.communityA1.id, { body: `<p>${'长'.repeat(600_000)}</p>` });
      const staff = await t.request('POST', '/api/notices', { token: w.member.gridIn!.token, body: big });
      expect([staff.status, staff.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      const anon = await t.request('POST', '/api/auth/wechat', { body: { code: 'x'.repeat(2 * 1024 * 1024) } });
      expect([anon.status, anon.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(countChanges(before, await rowCounts(t))).toEqual({});
    });

    it('a JSON route sent text or a form: a clean 4xx; a file route sent JSON: 415; a broken multipart: 4xx; nothing written', async () => {
      const token = w.member.gridIn!.token;
      const before = await rowCounts(t);
      const text = await t.request('POST', '/api/notices', { token, payload: 'title=x', headers: { 'content-type': 'text/plain' } });
      expect([text.status, text.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const form = await t.request('POST', '/api/notices', { token, payload: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect([form.status, form.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const json = await t.request('POST', '/api/uploads', { token, body: { file: 'x' } });
      expect([json.status, json.body.details?.[0]?.path]).toEqual([415, 'file']);
      const broken = await t.request('POST', '/api/uploads', { token, payload: '--nope\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nxx', headers: { 'content-type': 'multipart/form-data; boundary=other' } });
      expect(broken.status).toBeGreaterThanOrEqual(400);
      expect(broken.status).toBeLessThan(500);
      expect(countChanges(before, await rowCounts(t))).toEqual({});
    });
  });

  describe('uploads', () => {
    const upload = (content: Buffer | string, filename: string, contentType = 'application/octet-stream', fields: Record<string, string> = {}) =>
      t.request('POST', '/api/uploads', { token: w.member.gridIn!.token, ...multipart([{ filename, contentType, content }], fields) });
    const importTable = (content: Buffer | string, filename = '名单.xlsx', fields: Record<string, string> = {}) =>
      t.request('POST', '/api/notice-tables/import', { token: w.member.gridIn!.token, ...multipart([{ filename, content }], fields) });
    const importRegions = (content: Buffer | string, filename = 'regions.xlsx') =>
      t.request('POST', '/api/regions/import', { token: w.member.admin!.token, ...multipart([{ filename, content }]) });

    async function refusedCleanly(call: () => Promise<TestResponse>, status: number) {
      const before = await rowCounts(t);
      const files = readdirSync(t.config.uploadDir, { recursive: true }).length;
      const res = await call();
      expect({ status: res.status, path: res.body?.details?.[0]?.path }).toEqual({ status, path: 'file' });
      expect(countChanges(before, await rowCounts(t))).toEqual({});
      expect(readdirSync(t.config.uploadDir, { recursive: true }).length).toBe(files);
      return res;
    }

    it('an image that is really a script (or HTML, or SVG): 415, nothing stored', async () => {
      await refusedCleanly(() => upload(`<script>${PWN}</script>`, 'photo.png', 'image/png'), 415);
      await refusedCleanly(() => upload(`<!doctype html><html><body onload="${PWN}">`, '通知.pdf', 'application/pdf'), 415);
      await refusedCleanly(() => upload(`<svg xmlns="http://www.w3.org/2000/svg" onload="${PWN}"/>`, 'logo.svg', 'image/svg+xml'), 415);
      await refusedCleanly(() => importTable(`<script>${PWN}</script>`, '名单.xlsx'), 415);
    });

    it('over the size limits: 413 (uploads 20 MB, 公示 tables 5 MB, region files 5 MB), nothing stored', async () => {
      await refusedCleanly(() => upload(Buffer.alloc(21 * 1024 * 1024, 1), 'big.pdf', 'application/pdf'), 413);
      await refusedCleanly(() => importTable(Buffer.alloc(6 * 1024 * 1024, 1)), 413);
      const region = await importRegions(Buffer.alloc(6 * 1024 * 1024, 0x41), 'regions.csv');
      expect(region.status).toBe(413);
    });

    it.each([
      ['an honest', false],
      ['a lying', true],
    ])('%s decompression bomb (.xlsx: 600 KB that unpacks to 512 MB): a clean 4xx on every xlsx route, memory flat', async (_, lie) => {
      const bomb = await zipBomb(512 * 1024 * 1024, { lie });
      expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
      for (const [name, call] of [
        ['upload', () => upload(bomb, '名单.xlsx')],
        ['公示 table', () => importTable(bomb)],
        ['regions', () => importRegions(bomb)],
      ] as const) {
        const before = await rowCounts(t);
        const { result, riseMb } = await peakRssRise(call);
        expect({ name, status: result.status, code: result.body.code, memoryRoseOver64Mb: riseMb > 64 }).toEqual({ name, status: 413, code: 'PAYLOAD_TOO_LARGE', memoryRoseOver64Mb: false });
        expect(countChanges(before, await rowCounts(t))).toEqual({});
      }
    }, 60_000);

    it('path tricks and NUL in file names: the name is cleaned, the file stays inside the upload folder', async () => {
      const photo = await jpeg();
      for (const name of ['../../etc/passwd.jpg', '..\\..\\windows\\win.ini.jpg', '/etc/shadow.jpg', 'a\u0000b.jpg', '\u202egpj.exe', '....jpg', 'CON.jpg']) {
        const res = await upload(photo, name, 'image/jpeg');
        expect({ name, status: res.status }).toEqual({ name, status: 201 });
        const stored: string = res.body.name;
        expect({ name, stored, bad: /[\\/\u0000\u202e]|\.\./.test(stored) || !stored.endsWith('.jpg') }).toEqual({ name, stored, bad: false });
        const row = (await t.db.query('SELECT storage_key AS k FROM attachment WHERE id = ?', [res.body.id]))[0];
        expect(String(row.k)).not.toMatch(/\.\.|^[\\/]/);
        const back = await t.request('GET', `/api/uploads/${res.body.id}/file`, { token: w.member.gridIn!.token });
        expect(back.status).toBe(200);
        expect(String(back.headers['content-disposition'])).not.toMatch(/[\u0000\r\n]/);
      }
      const everything = readdirSync(t.config.uploadDir, { recursive: true }).map(String);
      expect(everything.filter((f) => /passwd|shadow|win\.ini/.test(f))).toEqual([]);
    });

    it('emoji and very long Chinese names: kept (up to 100 characters), served back with a UTF-8 filename*', async () => {
      const name = `🏘👨‍👩‍👧‍👦${'光明社区居民低保名单'.repeat(30)}.jpg`;
      const res = await upload(await jpeg(), name, 'image/jpeg', { name });
      expect(res.status).toBe(201);
      expect([...res.body.name].length).toBeLessThanOrEqual(100);
      expect(res.body.name.startsWith('🏘')).toBe(true);
      expect(res.body.name.endsWith('.jpg')).toBe(true);
      const back = await t.request('GET', `/api/uploads/${res.body.id}/file`, { token: w.member.gridIn!.token });
      expect(String(back.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('🏘')}`);
      const table = await importTable(await xlsx([['姓名😀', '金额'], [LONG_CHINESE.slice(0, 300), 300]]), `${'名单'.repeat(100)}.xlsx`, { title: `🏘${'低保'.repeat(80)}` });
      expect(table.status).toBe(400); // a title over 120 characters, named
      expect(table.body.details[0].path).toBe('title');
      const ok = await importTable(await xlsx([['姓名😀', '金额'], [LONG_CHINESE.slice(0, 300), 300]]), `${'名单'.repeat(100)}.xlsx`, { title: `🏘${'低保'.repeat(40)}` });
      expect(ok.status).toBe(201);
      expect(ok.body.rows[0][0]).toBe(LONG_CHINESE.slice(0, 300));
    });
  });

  describe('emoji and long Chinese in text fields: stored and read back exactly, on this database', () => {
    const EMOJI = (n: number) => Array.from({ length: n }, (_, i) => ['🏘', '😀', '👍', '🇨🇳'][i % 4]).join('');

    it('a notice: a title of emoji, a body of 10,000 Chinese characters', async () => {
      const X = w.world.tree.communityA1.id;
      const title = EMOJI(60); // 🇨🇳 is two code points: 60 of these make 75 code points
      const created = await t.request('POST', '/api/notices', { token: w.member.gridIn!.token, body: noticeInput(X, { title, body: `<p>${LONG_CHINESE}</p>`, basis: EMOJI(500) }) });
      expect(created.status).toBe(201);
      const back = await t.request('GET', `/api/staff/notices/${created.body.id}`, { token: w.member.gridIn!.token });
      expect(back.body.title).toBe(title);
      expect(back.body.body).toContain(LONG_CHINESE);
    });

    it('a display name of 20 emoji, a comment of the most characters allowed, a rating comment of 500 emoji', async () => {
      const me = await t.request('PATCH', '/api/me', { token: w.member.residentB!.token, body: { displayName: EMOJI(16) } });
      expect([me.status, me.body.displayName]).toEqual([200, EMOJI(16)]);
      const p = await resident(t, 'o_hi_long_comment', '孙八', w.world.tree.communityA1.id);
      const { COMMENT_MAX_CHARS } = await import('@sunboard/shared');
      const body = [...LONG_CHINESE].slice(0, COMMENT_MAX_CHARS).join('');
      const comment = await t.request('POST', `/api/consultations/${w.targets.open.id}/comments`, { token: p.token, body: { body } });
      expect(comment.status).toBe(201);
      const rated = await t.request('PUT', '/api/ratings', { token: p.token, body: { targetType: 'notice', targetId: (await w.make.plainNotice()).id, level: 4, comment: EMOJI(400) } });
      expect([rated.status, rated.body.comment]).toEqual([200, EMOJI(400)]);
    });
  });
});
