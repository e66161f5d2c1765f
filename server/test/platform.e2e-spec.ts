import { startTestApp, type TestApp } from './support/test-app';

describe('platform: health, errors, OpenAPI, headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(() => t?.close());

  it('reports the database in /api/health', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { type: process.env.TEST_DB, ok: true } });
  });

  it('gives every response a request id, echoing a well-formed one', async () => {
    const res = await t.request('GET', '/api/health', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(res.headers['x-request-id']).toBe('trace-12345678');
    const err = await t.request('GET', '/api/me', { headers: { 'x-request-id': 'trace-abcdefgh' } });
    expect(err.body).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String), requestId: 'trace-abcdefgh' });
  });

  it('answers unknown API routes with the error shape', async () => {
    const res = await t.request('GET', '/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });

  it('answers malformed JSON with 400, an oversized body with 413, a wrong content type with 415', async () => {
    const bad = await t.request('POST', '/api/auth/wechat', { payload: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    const big = await t.request('POST', '/api/auth/wechat', { payload: JSON.stringify({ code: 'x'.repeat(10000) }), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');

    const odd = await t.request('POST', '/api/auth/wechat', { payload: 'code=1', headers: { 'content-type': 'text/x-odd' } });
    expect(odd.status).toBe(415);
    expect(odd.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects a bad path id with 400, an unknown region with 404', async () => {
    expect((await t.request('GET', '/api/regions/abc')).status).toBe(400);
    const missing = await t.request('GET', '/api/regions/424242');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('REGION_NOT_FOUND');
  });

  it('serves OpenAPI JSON listing the routes', async () => {
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/wechat', '/api/me', '/api/regions', '/api/health']));
    const ui = await t.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('sends security headers', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('tells the h5 build how to get a dev login code when WeChat is the fake', async () => {
    const res = await t.request('GET', '/api/client-config');
    expect(res.body.devLogin.codeUrl).toBe(`${t.fakeWechatUrl}/__test/login-code`);
  });
});
