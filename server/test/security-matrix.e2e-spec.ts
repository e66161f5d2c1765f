import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTORS, type ActorName } from './security/actors';
import { countChanges, rowCounts } from './security/db-snapshot';
import { securityWorld, type SecurityWorld } from './security/fixtures';
import { type MatrixRow, type Outcome, REFUSALS } from './security/matrix-types';
import { assertRegistered, recordRoutes, type RegisteredRoute, routeKey } from './security/route-list';
import { ALLOWED_ORIGIN, ROUTE_MATRIX } from './security/route-matrix';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 8.1 — the authorisation matrix. Every route Fastify has registered (controllers, plugins,
 * the h5 files, the OpenAPI UI) must have a row in security/route-matrix.ts, and every row must
 * match a route; each row is then called by the seven callers of security/actors.ts and each
 * answer compared with the row. A refused write must leave every table as it was.
 */
describe('authorisation matrix: every route × every caller', () => {
  let t: TestApp;
  let w: SecurityWorld;
  let routes: RegisteredRoute[];
  let h5Dir: string;

  beforeAll(async () => {
    // A small h5 build of our own, so the static routes exist whether or not the real one was built.
    h5Dir = mkdtempSync(join(tmpdir(), 'sunboard-h5-'));
    mkdirSync(join(h5Dir, 'js'));
    mkdirSync(join(h5Dir, 'css'));
    writeFileSync(join(h5Dir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>阳光公开栏</title></head><body><div id="app"></div></body></html>');
    writeFileSync(join(h5Dir, 'js', 'app.js'), 'void 0;');
    writeFileSync(join(h5Dir, 'css', 'app.css'), 'body{}');
    ({ started: t, routes } = await recordRoutes(() => startTestApp({ env: { H5_DIR: h5Dir, CORS_ORIGINS: ALLOWED_ORIGIN } })));
    assertRegistered(t.app, routes);
    w = await securityWorld(t, 'sm');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  const matches = (row: MatrixRow, key: string) => (typeof row.route === 'string' ? row.route === key : row.route.test(key));
  /** HEAD is answered by the GET handler: a GET row covers it (and the HEAD calls below check it). */
  const covered = (r: RegisteredRoute) =>
    ROUTE_MATRIX.some((row) => matches(row, routeKey(r)) || (r.method === 'HEAD' && matches(row, `GET ${r.path}`)));

  it('has a row for every registered route, and a route for every row', () => {
    const missing = routes.filter((r) => !covered(r)).map(routeKey);
    const keys = routes.map(routeKey);
    const stale = ROUTE_MATRIX.filter((row) => !keys.some((k) => matches(row, k))).map((row) => String(row.route));
    expect({ routesWithoutARow: missing, rowsWithoutARoute: stale }).toEqual({ routesWithoutARow: [], rowsWithoutARoute: [] });
  });

  it('is a sound table: seven callers per row; refusals are 401/403/404; every row lets someone in or says why not', () => {
    const problems: string[] = [];
    for (const row of ROUTE_MATRIX) {
      const name = `${String(row.route)}${row.label ? ` (${row.label})` : ''}`;
      const outcomes = ACTORS.map((a) => row.expect[a]);
      if (outcomes.some((o) => o === undefined)) problems.push(`${name}: a caller has no expected outcome`);
      for (const o of outcomes) {
        const status = statusOf(o);
        const plain = (status >= 200 && status < 300) || status === 304 || (REFUSALS as readonly number[]).includes(status);
        if (!plain && !row.note) problems.push(`${name}: ${status} needs a note saying why`);
      }
      if (!outcomes.some((o) => statusOf(o) < 300) && !row.label) problems.push(`${name}: nobody is let in — add a row that shows who is, or label this one`);
    }
    expect(problems).toEqual([]);
  });

  for (const row of ROUTE_MATRIX) {
    const routeName = typeof row.route === 'string' ? row.route : `${row.route}`;
    it(`${routeName}${row.label ? ` — ${row.label}` : ''}`, async () => {
      const got: Partial<Record<ActorName, Outcome | string>> = {};
      const writesAfterRefusal: string[] = [];
      for (const actor of ACTORS) {
        const ctx = { t, w, actor };
        const spec = await row.request(ctx);
        const [method, pattern] = typeof row.route === 'string' ? splitRoute(row.route) : [spec.url ? 'GET' : '', ''];
        const url = spec.url ?? fillPath(pattern, spec.params ?? {});
        const token = spec.noToken ? undefined : w.member[actor]?.token;
        const write = !['GET', 'HEAD', 'OPTIONS'].includes(method);
        const before = write ? await rowCounts(t) : null;
        const res = await t.request(method, url, { token, query: spec.query, body: spec.body, payload: spec.payload, headers: spec.headers });
        got[actor] = spec.item === undefined || res.status !== 200 ? res.status : await listed(res, spec.item, (cursor) => t.request('GET', url, { token, query: { ...spec.query, cursor } }));
        const expected = row.expect[actor];
        if ((REFUSALS as readonly number[]).includes(res.status)) {
          if (typeof res.body !== 'object' || !res.body?.code) got[actor] = `${res.status} without an error code`;
          if (before) {
            const changed = countChanges(before, await rowCounts(t));
            if (Object.keys(changed).length) writesAfterRefusal.push(`${actor}: ${JSON.stringify(changed)}`);
          }
        }
        if (method === 'GET' && typeof expected !== 'undefined') {
          // The HEAD twin answers as the GET does.
          const head = await t.request('HEAD', url, { token, query: spec.query, headers: spec.headers });
          if (head.status !== res.status) got[actor] = `${String(got[actor])} but HEAD ${head.status}`;
        }
        const problem = row.check?.(ctx, res);
        if (problem) got[actor] = `${String(got[actor])}, but ${problem}`;
        await row.after?.(ctx, res);
      }
      expect({ outcomes: got, writesAfterRefusal }).toEqual({ outcomes: row.expect, writesAfterRefusal: [] });
    });
  }
});

function statusOf(o: Outcome): number {
  return typeof o === 'number' ? o : 200;
}

function splitRoute(route: string): [string, string] {
  const at = route.indexOf(' ');
  return [route.slice(0, at), route.slice(at + 1)];
}

function fillPath(pattern: string, params: Record<string, string | number>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for :${name} in ${pattern}`);
    return encodeURIComponent(String(params[name]));
  });
}

/** For a list row: whether the item is on any page of the list ('200+') or on none ('200-'). */
async function listed(first: { status: number; body: any }, item: number, next: (cursor: string) => Promise<{ status: number; body: any }>): Promise<Outcome | string> {
  let page = first;
  for (let pages = 0; pages < 50; pages++) {
    const list: Array<{ id: number }> | undefined = Array.isArray(page.body) ? page.body : page.body?.items;
    if (!Array.isArray(list)) return '200 without a list';
    if (list.some((x) => Number(x.id) === item)) return '200+';
    if (!page.body?.nextCursor) return '200-';
    page = await next(page.body.nextCursor);
    if (page.status !== 200) return `200, then ${page.status} on a later page`;
  }
  return '200 with more than 50 pages';
}
