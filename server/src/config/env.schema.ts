import { z } from 'zod';
import { resolvePushTemplates } from '../modules/push/push-templates-file';
import { parseQuietHours, type QuietHours } from '../modules/push/dispatcher/quiet-hours';

/** Placeholder secrets used in development; production refuses to start with any of them. */
export const DEV_DEFAULTS = {
  WECHAT_APPID: 'wx_sunboard_dev',
  WECHAT_SECRET: 'sunboard-dev-wechat-secret',
  JWT_SECRET: 'sunboard-dev-jwt-secret-change-me',
  DATA_KEY: 'c3VuYm9hcmQtZGV2LWRhdGEta2V5LTMyLWJ5dGVzISE=',
} as const;

/** The development Token of WeChat's message push: the fake WeChat signs its pushes with it by default. */
export const DEV_PUSH_TOKEN = 'sunboard-dev-callback-token';

const csv = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const bool = (dflt: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? dflt : ['true', '1', 'yes'].includes(v)));

/**
 * Every setting Sunboard reads, validated at start. This is the only place that reads process.env
 * (docs/configuration.md explains each one).
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** mysql://user:pass@host:3306/db, or sqlite:relative/or/absolute/path.sqlite. Unset: the embedded SQLite file. */
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^(mysql|mariadb):\/\//.test(v) || /^sqlite:/.test(v), {
      message: 'must start with mysql://, mariadb:// or sqlite:',
    }),
  SQLITE_FILE: z.string().default('./data/sunboard.sqlite'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECHAT_APPID: z.string().min(1).optional(),
  WECHAT_SECRET: z.string().min(1).optional(),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(90 * 24 * 3600).default(7 * 24 * 3600),
  /** base64 of 32 bytes: the AES-256-GCM key for personal data at rest. */
  DATA_KEY: z.string().optional(),
  /** Comma-separated base64 keys that DATA_KEY replaced: still read, never written (docs/security.md, "Key rotation"). */
  DATA_KEYS_OLD: csv,
  ADMIN_OPENIDS: csv,
  UPLOAD_DIR: z.string().default('./data/uploads'),
  /** Where the h5 build is served from; empty disables serving it. */
  H5_DIR: z.string().optional(),
  CORS_ORIGINS: csv,
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(30),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool(false),
  /** Seed demo data when the database has no regions yet. */
  SEED_DEMO: bool(false),
  TRUST_PROXY: bool(false),
  /** A font file with Chinese glyphs for PDF posters (a .ttc may name its face: `file.ttc#PostScriptName`). Unset: known system paths. */
  CJK_FONT_PATH: z.string().optional(),
  /** A JSON file overriding the WeChat subscribe-message templates per message type (docs/configuration.md). Unset: the defaults. */
  PUSH_TEMPLATES_FILE: z.string().optional(),
  /** Run the push dispatcher in this process (docs/configuration.md, "Push dispatcher"); `--role=worker` processes always do. */
  PUSH_DISPATCHER: bool(true),
  PUSH_CLAIM_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  PUSH_CONCURRENCY: z.coerce.number().int().min(1).max(10000).default(128),
  /** Sends per second per process (token bucket); 0: no limit. */
  PUSH_RATE_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(2000),
  PUSH_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  PUSH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
  PUSH_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(5000),
  PUSH_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(900_000),
  PUSH_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** HH:MM-HH:MM (Asia/Shanghai) when only urgent messages go out; empty or `off`: no quiet hours. */
  PUSH_QUIET_HOURS: z
    .string()
    .default('22:00-07:00')
    .superRefine((v, ctx) => {
      try {
        parseQuietHours(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  /** The Token set for WeChat's message push (delivery receipts): their signatures are checked with it. */
  WECHAT_PUSH_TOKEN: z.string().min(3).max(64).optional(),
  /** Working days a 差评 follow-up's owner has to verify and reply (docs/ratings.md). */
  RATING_FOLLOWUP_WORKING_DAYS: z.coerce.number().int().min(5).max(15).default(5),
  /** Ratings (new or changed) a resident may send per minute. */
  RATING_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(20),
});

export type RawEnv = z.input<typeof envSchema>;

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  database: { type: 'mysql'; url: string; poolSize: number } | { type: 'sqlite'; file: string };
  wechat: { apiBase: string; appid: string; secret: string; timeoutMs: number };
  jwt: { secret: string; ttlSeconds: number };
  dataKey: string;
  /** DATA_KEYS_OLD: earlier data keys, kept for reading values written before a rotation. */
  dataKeysOld: string[];
  adminOpenids: string[];
  uploadDir: string;
  h5Dir: string | null;
  corsOrigins: string[];
  bodyLimitBytes: number;
  loginRateLimit: { limit: number; windowSeconds: number };
  log: {
    level: string;
    pretty: boolean;
    /** Not an environment setting: tests set it to capture every log line instead of writing to stdout. */
    destination?: { write(line: string): unknown };
  };
  seedDemo: boolean;
  trustProxy: boolean;
  /** CJK_FONT_PATH, or null to search the known system paths. */
  cjkFontPath: string | null;
  /** PUSH_TEMPLATES_FILE, or null for the default templates. */
  pushTemplatesFile: string | null;
  /** The push dispatcher (PUSH_*): claim size, sends in flight, rate, lease, retries, quiet hours. */
  dispatcher: {
    enabled: boolean;
    claimSize: number;
    concurrency: number;
    ratePerSecond: number;
    leaseMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    pollMs: number;
    quietHours: QuietHours | null;
  };
  /** WECHAT_PUSH_TOKEN; in production null when unset, and the receipts endpoint then refuses every push. */
  wechatPushToken: string | null;
  /** RATING_FOLLOWUP_WORKING_DAYS: working days to reply to a 差评 (5–15). */
  ratingFollowupWorkingDays: number;
  /** RATING_RATE_LIMIT: ratings per resident per minute. */
  ratingRateLimit: number;
}

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError that names every bad or missing setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const prod = e.NODE_ENV === 'production';
  const secrets = ['WECHAT_APPID', 'WECHAT_SECRET', 'JWT_SECRET', 'DATA_KEY'] as const;
  if (prod) {
    const bad = secrets.filter((k) => !e[k] || e[k] === DEV_DEFAULTS[k]);
    if (bad.length) {
      throw new ConfigError(
        `Refusing to start in production: ${bad.map((k) => `${k} is ${e[k] ? 'the development default' : 'missing'}`).join('; ')}`,
      );
    }
  }
  const dataKey = e.DATA_KEY ?? DEV_DEFAULTS.DATA_KEY;
  if (Buffer.from(dataKey, 'base64').length !== 32) {
    throw new ConfigError('Invalid settings:\n  DATA_KEY: must be base64 of exactly 32 bytes');
  }
  const badOld = e.DATA_KEYS_OLD.map((k, i) => (Buffer.from(k, 'base64').length === 32 ? null : i + 1)).filter((i) => i !== null);
  if (badOld.length) {
    throw new ConfigError(`Invalid settings:\n  DATA_KEYS_OLD: key ${badOld.join(', ')} is not base64 of exactly 32 bytes`);
  }
  // A send (two calls at most: the client retries once after a token error) must fit inside a lease.
  if (e.PUSH_LEASE_SECONDS * 1000 < 2 * e.WECHAT_TIMEOUT_MS + 2000) {
    throw new ConfigError(
      `Invalid settings:\n  PUSH_LEASE_SECONDS: must be at least 2 × WECHAT_TIMEOUT_MS + 2 s (${(2 * e.WECHAT_TIMEOUT_MS + 2000) / 1000} s with WECHAT_TIMEOUT_MS=${e.WECHAT_TIMEOUT_MS})`,
    );
  }
  if (prod && e.WECHAT_PUSH_TOKEN === DEV_PUSH_TOKEN) {
    throw new ConfigError('Refusing to start in production: WECHAT_PUSH_TOKEN is the development default');
  }
  // PUSH_TEMPLATES_FILE is read and checked here, so a bad file stops the server like any bad setting.
  const pushTemplates = resolvePushTemplates(e.PUSH_TEMPLATES_FILE ?? null);
  if (!pushTemplates.ok) throw new ConfigError(`Invalid settings:\n${pushTemplates.problems}`);
  const url = e.DATABASE_URL;
  const database: AppConfig['database'] =
    url && /^(mysql|mariadb):\/\//.test(url)
      ? { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:'), poolSize: e.DB_POOL_SIZE }
      : { type: 'sqlite', file: url ? url.replace(/^sqlite:(\/\/)?/, '') : e.SQLITE_FILE };
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database,
    wechat: {
      apiBase: e.WECHAT_API_BASE.replace(/\/+$/, ''),
      appid: e.WECHAT_APPID ?? DEV_DEFAULTS.WECHAT_APPID,
      secret: e.WECHAT_SECRET ?? DEV_DEFAULTS.WECHAT_SECRET,
      timeoutMs: e.WECHAT_TIMEOUT_MS,
    },
    jwt: { secret: e.JWT_SECRET ?? DEV_DEFAULTS.JWT_SECRET, ttlSeconds: e.JWT_TTL_SECONDS },
    dataKey,
    dataKeysOld: e.DATA_KEYS_OLD,
    adminOpenids: e.ADMIN_OPENIDS,
    uploadDir: e.UPLOAD_DIR,
    h5Dir: e.H5_DIR ?? null,
    corsOrigins: e.CORS_ORIGINS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    loginRateLimit: { limit: e.LOGIN_RATE_LIMIT, windowSeconds: e.LOGIN_RATE_WINDOW_SECONDS },
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    cjkFontPath: e.CJK_FONT_PATH ?? null,
    pushTemplatesFile: e.PUSH_TEMPLATES_FILE ?? null,
    dispatcher: {
      enabled: e.PUSH_DISPATCHER,
      claimSize: e.PUSH_CLAIM_SIZE,
      concurrency: e.PUSH_CONCURRENCY,
      ratePerSecond: e.PUSH_RATE_PER_SECOND,
      leaseMs: Math.round(e.PUSH_LEASE_SECONDS * 1000),
      maxAttempts: e.PUSH_MAX_ATTEMPTS,
      retryBaseMs: e.PUSH_RETRY_BASE_MS,
      retryMaxMs: Math.max(e.PUSH_RETRY_BASE_MS, e.PUSH_RETRY_MAX_MS),
      pollMs: e.PUSH_POLL_MS,
      // An empty PUSH_QUIET_HOURS means "none" (the cleaning above would otherwise turn it into the default).
      quietHours: env.PUSH_QUIET_HOURS === '' ? null : parseQuietHours(e.PUSH_QUIET_HOURS),
    },
    wechatPushToken: e.WECHAT_PUSH_TOKEN ?? (prod ? null : DEV_PUSH_TOKEN),
    ratingFollowupWorkingDays: e.RATING_FOLLOWUP_WORKING_DAYS,
    ratingRateLimit: e.RATING_RATE_LIMIT,
  };
}

/** True when the WeChat base URL points at a loopback fake rather than WeChat itself. */
export function isFakeWechat(config: AppConfig): boolean {
  return config.nodeEnv !== 'production' && /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?/.test(config.wechat.apiBase);
}
