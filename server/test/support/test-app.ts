import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { DataSource } from 'typeorm';
import type { LoginResultDto, UserDto } from '@sunboard/shared';
import { createApp } from '../../src/app.factory';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { type AppConfig, loadConfig } from '../../src/config/env.schema';
import { seedDemoIfEmpty } from '../../src/database/seeds/seed-demo-if-empty';
import { createFakeWechat } from '../../src/fake-wechat/fake-wechat';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_APPID = 'wx_sunboard_test';
export const TEST_SECRET = 'sunboard-test-wechat-secret';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** A raw payload (e.g. a multipart Buffer); `headers` should then carry its content-type. */
  payload?: string | Buffer;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
}

export interface TestApp {
  app: NestFastifyApplication;
  db: DataSource;
  config: AppConfig;
  fakeWechatUrl: string;
  request<T = any>(method: string, url: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  /** Logs in through the fake WeChat exactly as the app does: a code for the openid, then POST /api/auth/wechat. */
  login(openid: string): Promise<{ token: string; user: UserDto }>;
  /** A login code issued by the fake WeChat for the openid. */
  loginCode(openid: string): Promise<string>;
  close(): Promise<void>;
}

export interface StartOptions {
  seedDemo?: boolean;
  env?: Record<string, string>;
  /** Run on this database (e.g. to restart the app on the same data) and leave it in place on close. */
  database?: TestDatabase;
  /** Log through the app's real logger into this stream (LOG_LEVEL still applies) instead of no logging. */
  logStream?: { write(line: string): unknown };
}

/**
 * The real AppModule on Fastify against a fresh, migrated database of the project's kind
 * (TEST_DB=sqlite|mysql), with a real fake-WeChat HTTP server on loopback.
 */
export async function startTestApp(opts: StartOptions = {}): Promise<TestApp> {
  const fake = await createFakeWechat({ port: 0, host: '127.0.0.1', appid: TEST_APPID, secret: TEST_SECRET });
  const database = opts.database ?? (await createTestDatabase());
  const ownDatabase = !opts.database;
  const uploadDir = mkdtempSync(join(tmpdir(), 'sunboard-uploads-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    WECHAT_API_BASE: fake.url,
    WECHAT_APPID: TEST_APPID,
    WECHAT_SECRET: TEST_SECRET,
    JWT_SECRET: 'sunboard-test-jwt-secret-0123456789',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '100000',
    RATING_RATE_LIMIT: '100000',
    UPLOAD_DIR: uploadDir,
    DB_POOL_SIZE: '5',
    ...opts.env,
  });
  if (opts.logStream) {
    config.log = { ...config.log, destination: opts.logStream };
    // nestjs-pino keeps the logger used outside a request context in a module-wide variable, made by
    // the first app of the process: forget it, so this app's logs outside requests reach the stream too.
    __resetOutOfContextForTests();
  }
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp(config, { logger: !!opts.logStream });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    // Nest holds its own log calls until listen(), which the tests never call.
    if (opts.logStream) app.flushLogs();
  } catch (err) {
    await app?.close().catch(() => undefined);
    await fake.close();
    if (ownDatabase) await database.drop();
    throw err;
  }
  const db = app.get(DataSource);
  if (opts.seedDemo) await seedDemoIfEmpty(db, app.get(FieldCipher));

  const request = async <T>(method: string, url: string, o: RequestOptions = {}): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    const res = await app!.inject({
      method: method.toUpperCase() as 'GET',
      url,
      query: o.query ? (Object.fromEntries(Object.entries(o.query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) as Record<string, string>) : undefined,
      headers,
      ...(o.payload !== undefined ? { payload: o.payload } : o.body !== undefined ? { payload: o.body as object } : {}),
    });
    const type = String(res.headers['content-type'] ?? '');
    const body = type.includes('application/json') && res.body ? JSON.parse(res.body) : res.body;
    return { status: res.statusCode, body: body as T, headers: res.headers };
  };

  const loginCode = async (openid: string): Promise<string> => {
    const res = await fetch(`${fake.url}/__test/login-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid }),
    });
    const json = (await res.json()) as { code: string };
    return json.code;
  };

  const login = async (openid: string) => {
    const res = await request<LoginResultDto>('POST', '/api/auth/wechat', { body: { code: await loginCode(openid) } });
    if (res.status !== 200) throw new Error(`login failed for ${openid}: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.token, user: res.body.user };
  };

  return {
    app,
    db,
    config,
    fakeWechatUrl: fake.url,
    request,
    login,
    loginCode,
    close: async () => {
      await app!.close();
      await fake.close();
      if (ownDatabase) await database.drop();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
