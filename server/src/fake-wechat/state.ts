import { randomBytes } from 'node:crypto';

/** The WeChat endpoints the fake serves; fault injection, latency and stats are keyed by these. */
export const ENDPOINTS = ['jscode2session', 'stable_token', 'token', 'subscribe_send', 'msg_sec_check', 'getwxacodeunlimit'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** An injected answer: a WeChat errcode, an HTTP 500, or a request held without answer. */
export type Fault = number | 'http500' | 'timeout';

export interface LoginCode {
  openid: string;
  unionid?: string;
  issuedAtMs: number;
  /** Overrides the fake's codeTtlSeconds for this code. */
  ttlSeconds?: number;
  usedAtMs?: number;
}

export type TokenKind = 'stable' | 'classic';

export interface IssuedToken {
  kind: TokenKind;
  expiresAtMs: number;
  /** When set, the token stops working at this instant even though it has not expired. */
  invalidAfterMs?: number;
}

export interface DeliveredMessage {
  openid: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogramState: string | null;
  lang: string | null;
  /** Exceeds 2^53: always a string. */
  msgid: string;
  at: string;
}

export interface EndpointStats {
  calls: number;
  errors: number;
}

const FIRST_MSGID = 1988810812324364291n;

export const credentialKey = (openid: string, templateId: string): string => `${openid}\u0000${templateId}`;

/** All the fake's memory. Times are read from `now()`, which tests can move forward. */
export class FakeWechatState {
  clockOffsetMs = 0;
  codes = new Map<string, LoginCode>();
  tokens = new Map<string, IssuedToken>();
  latestToken: Partial<Record<TokenKind, string>> = {};
  tokensIssued = 0;
  forceRefreshesMs: number[] = [];
  /** One-time credits left per (openid, template). */
  credits = new Map<string, number>();
  longTermTemplates = new Set<string>();
  /** (openid, template) pairs that accepted a long-term template. */
  longTermGrants = new Set<string>();
  messages: DeliveredMessage[] = [];
  faults = new Map<Endpoint, Fault[]>();
  latencyMs = { all: 0, byEndpoint: new Map<Endpoint, number>() };
  stats = {} as Record<Endpoint, EndpointStats>;
  callback: { url: string | null; token: string };
  private nextMsgid = FIRST_MSGID;

  constructor(
    private readonly defaults: { longTermTemplateIds: readonly string[]; callbackUrl: string | null; callbackToken: string },
  ) {
    this.callback = { url: defaults.callbackUrl, token: defaults.callbackToken };
    this.reset();
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  reset(): void {
    this.clockOffsetMs = 0;
    this.codes.clear();
    this.tokens.clear();
    this.latestToken = {};
    this.tokensIssued = 0;
    this.forceRefreshesMs = [];
    this.credits.clear();
    this.longTermTemplates = new Set(this.defaults.longTermTemplateIds);
    this.longTermGrants.clear();
    this.messages = [];
    this.faults.clear();
    this.latencyMs = { all: 0, byEndpoint: new Map() };
    this.stats = Object.fromEntries(ENDPOINTS.map((e) => [e, { calls: 0, errors: 0 }])) as Record<Endpoint, EndpointStats>;
    this.callback = { url: this.defaults.callbackUrl, token: this.defaults.callbackToken };
    this.nextMsgid = FIRST_MSGID;
  }

  issueCode(openid: string, unionid?: string, ttlSeconds?: number): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { openid, unionid, issuedAtMs: this.now(), ttlSeconds });
    return code;
  }

  /** Issues a new token of this kind and makes it the latest one. */
  issueToken(kind: TokenKind, ttlSeconds: number): string {
    const token = `fake_${kind}_${randomBytes(24).toString('hex')}`;
    this.tokens.set(token, { kind, expiresAtMs: this.now() + ttlSeconds * 1000 });
    this.latestToken[kind] = token;
    this.tokensIssued++;
    return token;
  }

  takeMsgid(): string {
    const id = this.nextMsgid;
    this.nextMsgid += 1n;
    return id.toString();
  }

  takeFault(endpoint: Endpoint): Fault | undefined {
    const queue = this.faults.get(endpoint);
    return queue && queue.length > 0 ? queue.shift() : undefined;
  }

  latencyFor(endpoint: Endpoint): number {
    return this.latencyMs.byEndpoint.get(endpoint) ?? this.latencyMs.all;
  }
}
