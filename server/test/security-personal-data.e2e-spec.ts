import { createHmac, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { CaseDetailDto, ConsultationDetailDto, Page, StaffCommentDto } from '@sunboard/shared';
import { keyCensus, keyIdOf, rotateDataKey, RotationError } from '../src/common/crypto/data-key-rotation';
import { ENCRYPTED_COLUMNS } from '../src/common/crypto/encrypted-columns';
import { FieldCipher } from '../src/common/crypto/field-cipher';
import { ConfigError, loadConfig } from '../src/config/env.schema';
import { grantRole } from './factories/users';
import { APPLICANT, type CaseWorld, caseWorld, openCase } from './support/case-fixtures';
import { createConsultation, setClock } from './support/consultation-fixtures';
import { multipart } from './support/multipart';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * Issue 8, point 5: personal data. ID and phone numbers are encrypted at rest and survive a key
 * rotation; no log line carries one, whatever route it came in on, refused or not; tokens expire;
 * the 代录 route is rate-limited; CORS answers only configured origins.
 */

const newKey = () => randomBytes(32).toString('base64');
const keyId = (k: string) => FieldCipher.parseKey(k).id;
const T0 = '2026-12-01T09:00:00+08:00';
const consultationPeriod = { opensAt: '2026-12-01T10:00:00+08:00', closesAt: '2026-12-05T18:00:00+08:00' };
const DURING = '2026-12-01T11:00:00+08:00';

/** Every value of every encrypted column, by `table.column`. */
async function encryptedValues(t: TestApp): Promise<Array<{ column: string; value: string }>> {
  const out: Array<{ column: string; value: string }> = [];
  for (const e of ENCRYPTED_COLUMNS) {
    for (const column of e.columns) {
      const rows: Array<{ v: string | null }> = await t.db.query(`SELECT ${column} AS v FROM ${e.table}`);
      for (const r of rows) if (r.v !== null) out.push({ column: `${e.table}.${column}`, value: r.v });
    }
  }
  return out;
}

/** Counts of stored values per key id, summed over every encrypted column. */
async function perKey(t: TestApp): Promise<Record<string, number>> {
  const census = await keyCensus(t.db);
  const total: Record<string, number> = {};
  for (const counts of Object.values(census)) for (const [id, n] of Object.entries(counts)) total[id] = (total[id] ?? 0) + n;
  return total;
}

describe('personal data: key rotation end to end', () => {
  const keyA = newKey();
  const keyB = newKey();
  let database: TestDatabase;
  let t: TestApp | undefined;
  let w: CaseWorld;
  let caseId: number;
  let caseNo: string;
  let consultationId: number;
  let commentId: number;

  const start = async (env: Record<string, string>) => {
    t = await startTestApp({ database, env });
    setClock(t, DURING);
    return t;
  };
  const restart = async (env: Record<string, string>) => {
    await t?.close();
    t = undefined;
    return start(env);
  };
  const detail = (app: TestApp, id: number, token: string) => app.request<CaseDetailDto>('GET', `/api/cases/${id}`, { token });
  const proxyComment = async (app: TestApp) => {
    const res = await app.request<Page<StaffCommentDto>>('GET', `/api/consultations/${consultationId}/staff-comments`, { token: w.reviewer.token });
    return res.body.items.find((x) => x.id === commentId);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const app = await start({ DATA_KEY: keyA });
    setClock(app, T0);
    w = await caseWorld(app, 'rot');
    const c = await openCase(app, w);
    caseId = c.id;
    caseNo = c.caseNo;
    await openCase(app, w, { applicant: { name: '李桂芝', phone: '15800001111' } });
    const consultation: ConsultationDetailDto = await createConsultation(app, w.reviewer.token, { regionId: w.tree.communityA1.id, ...consultationPeriod });
    consultationId = consultation.id;
    setClock(app, DURING);
    const res = await app.request('POST', `/api/consultations/${consultationId}/proxy-comments`, {
      token: w.worker.token,
      body: { body: '我家没有智能手机，请网格员代我反映：夜间停车要收费吗？', residentName: '周大爷', residentPhone: '13700002222' },
    });
    if (res.status !== 201) throw new Error(`proxy comment: ${res.status} ${JSON.stringify(res.body)}`);
    commentId = res.body.comment.id;
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('stores ID, phone and 代录 name/contact only as AES-256-GCM values under the current key', async () => {
    const values = await encryptedValues(t!);
    // Case 1: ID + phone; case 2: phone only; the 代录 comment: name + contact.
    expect(values).toHaveLength(5);
    for (const { value } of values) {
      expect(value).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(keyIdOf(value)).toBe(keyId(keyA));
      for (const plain of [APPLICANT.phone, APPLICANT.idNumber, '15800001111', '13700002222', '周大爷']) expect(value).not.toContain(plain);
    }
    expect((await detail(t!, caseId, w.worker.token)).body.applicant).toMatchObject({ idNumberMasked: '41**************34', phoneMasked: '139****5678' });
  });

  it('after a restart with key B and DATA_KEYS_OLD=A reads the old rows, writes new ones with B, and the rotation moves everything to B', async () => {
    const app = await restart({ DATA_KEY: keyB, DATA_KEYS_OLD: keyA });
    expect((await detail(app, caseId, w.worker.token)).body.applicant).toMatchObject({ idNumberMasked: '41**************34', phoneMasked: '139****5678' });
    expect(await proxyComment(app)).toMatchObject({ proxyResidentName: '周大爷', proxyResidentPhone: '137****2222' });
    await openCase(app, w, { applicant: { name: '赵德胜', phone: '18600003333' } });
    expect(await perKey(app)).toEqual({ [keyId(keyA)]: 5, [keyId(keyB)]: 1 });

    // A rotation that lacks the old key stops at the first value it cannot read, naming it, and writes nothing.
    const withoutA = new FieldCipher(keyB);
    await expect(rotateDataKey(app.db, withoutA)).rejects.toThrow(RotationError);
    await expect(rotateDataKey(app.db, withoutA)).rejects.toThrow(new RegExp(`service_case\\.applicant_id_enc of id ${caseId} .*key id ${keyId(keyA)}`));
    expect(await perKey(app)).toEqual({ [keyId(keyA)]: 5, [keyId(keyB)]: 1 });

    // Interrupted after its first batch (one row), then run again: it finishes where the values still need it.
    const cipher = app.app.get(FieldCipher);
    let batches = 0;
    await expect(
      rotateDataKey(app.db, cipher, {
        batchSize: 1,
        onProgress: () => {
          if (++batches === 1) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await perKey(app)).toEqual({ [keyId(keyA)]: 3, [keyId(keyB)]: 3 });
    const resumed = await rotateDataKey(app.db, cipher, { batchSize: 1 });
    expect(resumed.rotated).toBe(3);
    expect(resumed.tables).toEqual([
      { table: 'service_case', scanned: 3, rotated: 1, skipped: 0 },
      { table: 'consultation_comment', scanned: 1, rotated: 2, skipped: 0 },
    ]);
    expect(await perKey(app)).toEqual({ [keyId(keyB)]: 6 });
    // Idempotent: a second run changes nothing.
    expect((await rotateDataKey(app.db, cipher, { batchSize: 2 })).rotated).toBe(0);
  });

  it('reads everything with key B alone once the rotation is done', async () => {
    const app = await restart({ DATA_KEY: keyB });
    expect((await detail(app, caseId, w.worker.token)).body.applicant).toMatchObject({ idNumberMasked: '41**************34', phoneMasked: '139****5678' });
    expect(await proxyComment(app)).toMatchObject({ proxyResidentName: '周大爷', proxyResidentPhone: '137****2222' });
    // A claim compares the decrypted phone's last 4 digits.
    const claim = await app.request('POST', '/api/cases/claim', { token: w.residentA.token, body: { caseNo, name: APPLICANT.name, phoneLast4: '5678' } });
    expect(claim.status).toBe(200);
    for (const { value } of await encryptedValues(app)) expect(keyIdOf(value)).toBe(keyId(keyB));
  });

  it('refuses a DATA_KEYS_OLD entry that is not a 32-byte key, naming which', () => {
    expect(() => loadConfig({ DATA_KEY: keyB, DATA_KEYS_OLD: `${keyA}, c2hvcnQ=` })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_KEY: keyB, DATA_KEYS_OLD: `${keyA}, c2hvcnQ=` })).toThrow(/DATA_KEYS_OLD: key 2 is not base64 of exactly 32 bytes/);
    expect(loadConfig({ DATA_KEY: keyB, DATA_KEYS_OLD: ` ${keyA} ` }).dataKeysOld).toEqual([keyA]);
  });
});

describe('personal data: logs, storage, tokens, rate limits, CORS', () => {
  const ALLOWED = 'https://sunboard.example.gov.cn';
  const TTL = 3600;
  const JWT_SECRET = 'sunboard-test-jwt-secret-0123456789';
  /** Numbers seeded through the routes below; none may appear in a log line, nor in the clear in the database. */
  const NUMBERS = {
    applicantId: APPLICANT.idNumber,
    applicantPhone: APPLICANT.phone,
    idWithX: '11010519491231002X',
    refusedPhone: '13600001357',
    refusedId: '32010219800101555X',
    proxyPhone: '13700002468',
    refusedProxyPhone: '15000002468',
    tableIds: ['350102199001010012', '35010219850202003X'],
    tablePhones: ['13812341234', '15900001234'],
    loginCode: '18912345678',
    pathPhone: '13311112222',
    queryPhone: '14700003333',
    headerPhone: '17700004444',
    badJsonPhone: '19900005555',
    failurePhone: '16600006666',
  };
  const needles = Object.values(NUMBERS).flat();
  const lines: string[] = [];
  let t: TestApp;
  let w: CaseWorld;
  let consultationId: number;

  const capture = {
    buffer: '',
    write(chunk: string) {
      this.buffer += chunk;
      let at: number;
      while ((at = this.buffer.indexOf('\n')) >= 0) {
        lines.push(this.buffer.slice(0, at));
        this.buffer = this.buffer.slice(at + 1);
      }
    },
  };

  async function xlsx(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** An HS256 token signed with the app's secret (or another), with the claims given. */
  function jwt(claims: Record<string, unknown>, secret = JWT_SECRET, alg = 'HS256'): string {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
    return alg === 'none' ? `${head}.` : `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
  }

  /** A failure injected into the database: the timeline insert of a case whose note has the marker fails, with the number in the driver's message. */
  async function injectCaseEventFailure(on: boolean): Promise<void> {
    const mysql = t.config.database.type === 'mysql';
    if (!on) {
      await t.db.query('DROP TRIGGER IF EXISTS sb_test_fail');
      return;
    }
    await t.db.query(
      mysql
        ? `CREATE TRIGGER sb_test_fail BEFORE INSERT ON case_event FOR EACH ROW BEGIN
             DECLARE m VARCHAR(255);
             IF NEW.note LIKE '%触发故障%' THEN SET m = CONCAT('injected failure: ', NEW.note); SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = m; END IF;
           END`
        : `CREATE TRIGGER sb_test_fail BEFORE INSERT ON case_event WHEN NEW.note LIKE '%触发故障%' BEGIN
             SELECT RAISE(ABORT, 'injected failure: 触发故障 ${NUMBERS.failurePhone}');
           END`,
    );
  }

  beforeAll(async () => {
    t = await startTestApp({ logStream: capture, env: { LOG_LEVEL: 'trace', CORS_ORIGINS: ALLOWED, JWT_TTL_SECONDS: String(TTL) } });
    setClock(t, T0);
    w = await caseWorld(t, 'pii');
    consultationId = (await createConsultation(t, w.reviewer.token, { regionId: w.tree.communityA1.id, ...consultationPeriod })).id;
    setClock(t, DURING);
  });
  afterAll(() => t?.close());

  it('keeps every number seeded through the routes out of every log line, refused requests and a server error included', async () => {
    const statuses: Record<string, number> = {};
    const send = async (name: string, method: string, url: string, opts: Parameters<TestApp['request']>[2] = {}) => {
      statuses[name] = (await t.request(method, url, opts)).status;
    };
    const applicant = (over: Record<string, unknown>) => ({ caseTypeId: w.dibao.id, regionId: w.tree.communityA1.id, applicant: { ...APPLICANT, ...over }, note: '窗口受理' });

    // Case opening: accepted, refused for a bad field, refused outside the worker's scope.
    await send('open', 'POST', '/api/cases', { token: w.worker.token, body: applicant({}) });
    await send('openWithX', 'POST', '/api/cases', { token: w.worker.token, body: applicant({ idNumber: NUMBERS.idWithX }) });
    await send('openBadPhone', 'POST', '/api/cases', { token: w.worker.token, body: applicant({ phone: `${NUMBERS.refusedPhone}9`, idNumber: NUMBERS.refusedId }) });
    await send('openBadId', 'POST', '/api/cases', { token: w.worker.token, body: applicant({ phone: NUMBERS.refusedPhone, idNumber: `${NUMBERS.refusedId}1` }) });
    await send('openOutsider', 'POST', '/api/cases', { token: w.outsider.token, body: applicant({ phone: NUMBERS.refusedPhone, idNumber: NUMBERS.refusedId }) });
    await send('openResident', 'POST', '/api/cases', { token: w.residentA.token, body: applicant({ phone: NUMBERS.refusedPhone }) });
    // A claim with the full number where the last 4 digits belong.
    await send('claimBad', 'POST', '/api/cases/claim', { token: w.residentB.token, body: { caseNo: 'SB20261201ABCDEF', name: APPLICANT.name, phoneLast4: APPLICANT.phone } });

    // 代录: accepted and refused.
    const proxy = { body: '请网格员代我反映：夜间停车要收费吗？', residentName: '周大爷', residentPhone: NUMBERS.proxyPhone };
    await send('proxy', 'POST', `/api/consultations/${consultationId}/proxy-comments`, { token: w.worker.token, body: proxy });
    await send('proxyBad', 'POST', `/api/consultations/${consultationId}/proxy-comments`, { token: w.worker.token, body: { ...proxy, residentPhone: `${NUMBERS.refusedProxyPhone}0` } });
    await send('proxyResident', 'POST', `/api/consultations/${consultationId}/proxy-comments`, { token: w.residentA.token, body: { ...proxy, residentPhone: NUMBERS.refusedProxyPhone } });

    // 公示 table import (masked on import) and an xlsx attachment with unmasked numbers (refused).
    const table = await xlsx([
      ['姓名', '身份证号', '联系电话', '金额'],
      ['张三', NUMBERS.tableIds[0], NUMBERS.tablePhones[0], 620],
      ['李四', NUMBERS.tableIds[1], NUMBERS.tablePhones[1], 900],
    ]);
    const upload = (url: string, token: string) => {
      const { payload, headers } = multipart([{ filename: '低保名单.xlsx', content: table }], { title: '光明社区低保公示' });
      return t.request('POST', url, { token, payload, headers });
    };
    statuses.tableImport = (await upload('/api/notice-tables/import', w.worker.token)).status;
    statuses.tableAsAttachment = (await upload('/api/uploads', w.worker.token)).status;
    statuses.tableByResident = (await upload('/api/notice-tables/import', w.residentA.token)).status;

    // Login with a number as the code; numbers in a path, a query string, a request id header and a body that is not JSON.
    await send('login', 'POST', '/api/auth/wechat', { body: { code: NUMBERS.loginCode } });
    await send('path', 'GET', `/api/cases/${NUMBERS.pathPhone}`, { token: w.worker.token });
    await send('query', 'GET', '/api/staff/cases', { token: w.worker.token, query: { phone: NUMBERS.queryPhone, q: NUMBERS.queryPhone } });
    const header = await t.request('GET', '/api/me', { token: w.worker.token, headers: { 'x-request-id': NUMBERS.headerPhone } });
    statuses.header = header.status;
    // A request id that is a phone number is replaced, as a malformed one is.
    expect(header.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await send('badJson', 'POST', '/api/cases', { token: w.worker.token, payload: `{"applicant":{"phone":"${NUMBERS.badJsonPhone}"`, headers: { 'content-type': 'application/json' } });

    // A database failure whose driver message and statement values carry a number: a logged 500.
    const cases = async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM service_case'))[0].n);
    const before = await cases();
    await injectCaseEventFailure(true);
    try {
      await send('failure', 'POST', '/api/cases', { token: w.worker.token, body: { ...applicant({ phone: NUMBERS.failurePhone }), note: `触发故障 ${NUMBERS.failurePhone}` } });
    } finally {
      await injectCaseEventFailure(false);
    }
    expect(await cases()).toBe(before);

    expect(statuses).toEqual({
      open: 201,
      openWithX: 201,
      openBadPhone: 400,
      openBadId: 400,
      openOutsider: 403,
      openResident: 403,
      claimBad: 400,
      proxy: 201,
      proxyBad: 400,
      proxyResident: 403,
      tableImport: 201,
      tableAsAttachment: 400,
      tableByResident: 403,
      login: 401,
      path: 400,
      query: 200,
      header: 200,
      badJson: 400,
      failure: 500,
    });

    // The logs were written (one line per request at least, and the 500 with its error) …
    const parsed = lines.map((l) => JSON.parse(l) as { msg?: string; err?: Record<string, unknown>; req?: { path?: string }; requestId?: string });
    expect(parsed.filter((l) => l.msg === 'request completed').length).toBeGreaterThanOrEqual(Object.keys(statuses).length);
    const failure = parsed.find((l) => l.msg === 'request failed');
    expect(failure?.err).toMatchObject({ type: 'QueryFailedError', query: expect.stringContaining('INSERT INTO') });
    expect(failure?.err).not.toHaveProperty('parameters');
    // … with the numbers that reached them masked …
    expect(parsed.some((l) => l.req?.path === `/api/cases/${NUMBERS.pathPhone.slice(0, 3)}****${NUMBERS.pathPhone.slice(-4)}`)).toBe(true);
    // … and none of them in the clear, anywhere.
    const leaks = needles.flatMap((n) => lines.filter((l) => l.includes(n)).map((l) => `${n}: ${l.slice(0, 300)}`));
    expect(leaks).toEqual([]);
  });

  it('holds none of those numbers in the clear in any table', async () => {
    const tables: string[] = t.db.entityMetadatas.map((m) => m.tableName);
    const found: string[] = [];
    for (const table of [...new Set(tables)]) {
      const text = JSON.stringify(await t.db.query(`SELECT * FROM ${table}`));
      for (const n of needles) if (text.includes(n)) found.push(`${table}: ${n}`);
    }
    expect(found).toEqual([]);
    // Only what was accepted is stored, encrypted: two cases (ID + phone each) and one 代录 comment (name + contact).
    const values = await encryptedValues(t);
    expect(values).toHaveLength(6);
    expect(values.every((v) => /^v1\./.test(v.value))).toBe(true);
  });

  it('lists every encrypted column of the schema for the key rotation', () => {
    const inSchema = t.db.entityMetadatas.flatMap((m) => m.columns.filter((c) => c.databaseName.endsWith('_enc')).map((c) => `${m.tableName}.${c.databaseName}`));
    const registered = ENCRYPTED_COLUMNS.flatMap((e) => e.columns.map((c) => `${e.table}.${c}`));
    expect([...inSchema].sort()).toEqual([...registered].sort());
  });

  describe('tokens', () => {
    it('issues tokens that live JWT_TTL_SECONDS', async () => {
      const { token } = await t.login('o_pii_ttl');
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { iat: number; exp: number };
      expect(claims.exp - claims.iat).toBe(TTL);
      expect((await t.request('GET', '/api/me', { token })).status).toBe(200);
    });

    it('refuses a token past its lifetime with 401 TOKEN_EXPIRED, and forged or unknown ones with 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const me = (token: string) => t.request('GET', '/api/me', { token });
      const expired = await me(jwt({ sub: w.worker.id, iat: now - TTL - 60, exp: now - 60 }));
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('TOKEN_EXPIRED');
      // The same claims still inside the lifetime pass: the refusal above is the expiry.
      expect((await me(jwt({ sub: w.worker.id, iat: now - 60, exp: now - 60 + TTL }))).status).toBe(200);
      expect((await me(jwt({ sub: w.worker.id, iat: now, exp: now + TTL }, 'another-secret-0123456789'))).status).toBe(401);
      expect((await me(jwt({ sub: w.worker.id, iat: now, exp: now + TTL }, JWT_SECRET, 'none'))).status).toBe(401);
      expect((await me(jwt({ sub: 987654, iat: now, exp: now + TTL }))).status).toBe(401);
      // A staff route with an expired token is refused before anything else.
      const staff = await t.request('GET', '/api/staff/cases', { token: jwt({ sub: w.worker.id, iat: now - TTL - 60, exp: now - 60 }) });
      expect(staff.status).toBe(401);
    });
  });

  describe('rate limits', () => {
    it('limits 代录 comments per staff account (429 after 30 a minute)', async () => {
      const proxy = await t.login('o_pii_busy_worker');
      await grantRole(t.db, proxy.user.id, 'grid_worker', w.tree.communityA1.id);
      const statuses: number[] = [];
      for (let i = 1; i <= 31; i++) {
        const res = await t.request('POST', `/api/consultations/${consultationId}/proxy-comments`, {
          token: proxy.token,
          body: { body: `第 ${i} 位居民请网格员代为反映的不同意见。`, residentName: `居民${i}`, residentPhone: '0375-1234567' },
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
      expect(statuses[30]).toBe(429);
    });
  });

  describe('CORS', () => {
    it('answers a configured origin, preflight included', async () => {
      const simple = await t.request('GET', '/api/health', { headers: { origin: ALLOWED } });
      expect(simple.headers['access-control-allow-origin']).toBe(ALLOWED);
      const preflight = await t.request('OPTIONS', '/api/cases', {
        headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('gives any other origin no CORS header', async () => {
      for (const origin of ['https://evil.example', 'https://sunboard.example.gov.cn.evil.example', 'null']) {
        const res = await t.request('GET', '/api/health', { headers: { origin } });
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        const preflight = await t.request('OPTIONS', '/api/cases', { headers: { origin, 'access-control-request-method': 'POST' } });
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });
});

describe('personal data: CORS without CORS_ORIGINS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('allows no cross-origin caller at all', async () => {
    const res = await t.request('GET', '/api/health', { headers: { origin: 'http://localhost:10086' } });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
