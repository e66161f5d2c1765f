import type { TokenStore } from './token-store';
import { wechatHttp, type WechatHttpRequest, type WechatHttpResult } from './wechat-http';
import { TOKEN_ERRCODES, WechatApiError, WechatTransportError, type WechatEndpoint } from './wechat.errors';

export interface WechatClientOptions {
  /** e.g. https://api.weixin.qq.com, or the fake's URL. No trailing slash. */
  apiBase: string;
  appid: string;
  secret: string;
  /** Per HTTP request. */
  timeoutMs: number;
  /** Retries of errcode -1 (busy): `attempts` in all (default 3), delays base·2^n + jitter (base default 200 ms). */
  busyRetry?: { attempts?: number; baseDelayMs?: number };
  /** Renew the shared token when it has less than this left (default 5 minutes). */
  refreshMarginMs?: number;
  /** Gets retry and refresh notices; never tokens, secrets or session keys. */
  logger?: { warn(message: string): void };
}

export interface Code2SessionResult {
  openid: string;
  /** Stays on the server: never log it or send it to the client. */
  sessionKey: string;
  unionid?: string;
}

export type TemplateData = Record<string, string | { value: string }>;

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: TemplateData;
  miniprogramState?: 'formal' | 'trial' | 'developer';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface SecCheckInput {
  content: string;
  openid: string;
  /** 1 profile, 2 comment, 3 forum, 4 social log. */
  scene: 1 | 2 | 3 | 4;
}

export interface SecCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
  traceId: string;
}

export interface WxaCodeInput {
  scene: string;
  page: string;
  width?: number;
  envVersion?: 'release' | 'trial' | 'develop';
  checkPath?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const isTokenError = (err: unknown): err is WechatApiError => err instanceof WechatApiError && TOKEN_ERRCODES.includes(err.errcode);

/**
 * The WeChat server API as Sunboard uses it (wechat-api.md). A plain class, usable from Nest,
 * workers and tests. The access token lives in a shared TokenStore and is renewed with
 * stable_token; one refresh at a time per process.
 */
export class WechatClient {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly marginMs: number;
  private refreshing: Promise<string> | null = null;

  constructor(
    private readonly options: WechatClientOptions,
    private readonly tokens: TokenStore,
  ) {
    this.attempts = Math.max(1, options.busyRetry?.attempts ?? 3);
    this.baseDelayMs = options.busyRetry?.baseDelayMs ?? 200;
    this.marginMs = options.refreshMarginMs ?? 5 * 60_000;
  }

  async code2Session(code: string): Promise<Code2SessionResult> {
    const { appid, secret } = this.options;
    const body = await this.json({
      endpoint: 'jscode2session',
      method: 'GET',
      path: '/sns/jscode2session',
      query: { appid, secret, js_code: code, grant_type: 'authorization_code' },
    });
    if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') {
      throw new WechatTransportError('parse', 'jscode2session', 'answer without openid/session_key');
    }
    const result: Code2SessionResult = { openid: body.openid, sessionKey: body.session_key };
    if (typeof body.unionid === 'string' && body.unionid) result.unionid = body.unionid;
    return result;
  }

  /** The shared token, renewed when missing or within the refresh margin of expiry. */
  async getAccessToken(): Promise<string> {
    const stored = await this.tokens.get(this.options.appid);
    if (stored && stored.expiresAt.getTime() - Date.now() > this.marginMs) return stored.accessToken;
    return this.refreshShared(undefined);
  }

  /** subscribeMessage.send. The msgid is a string: it exceeds 2^53. */
  async sendSubscribeMessage(msg: SubscribeMessage): Promise<{ msgid: string }> {
    const data = Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, typeof v === 'string' ? { value: v } : v]));
    const body = await this.withToken('subscribe_send', '/cgi-bin/message/subscribe/send', {
      touser: msg.touser,
      template_id: msg.templateId,
      page: msg.page,
      data,
      miniprogram_state: msg.miniprogramState,
      lang: msg.lang,
    });
    if (body.kind !== 'json' || typeof body.body.msgid !== 'string') {
      throw new WechatTransportError('parse', 'subscribe_send', 'answer without msgid');
    }
    return { msgid: body.body.msgid };
  }

  /** msgSecCheck v2. errcode 0 only means the call worked: the verdict is `suggest`. */
  async msgSecCheck(input: SecCheckInput): Promise<SecCheckResult> {
    const res = await this.withToken('msg_sec_check', '/wxa/msg_sec_check', { ...input, version: 2 });
    const result = res.kind === 'json' ? (res.body.result as { suggest?: unknown; label?: unknown } | undefined) : undefined;
    if (!result || !['pass', 'review', 'risky'].includes(String(result.suggest))) {
      throw new WechatTransportError('parse', 'msg_sec_check', 'answer without result.suggest');
    }
    return {
      suggest: result.suggest as SecCheckResult['suggest'],
      label: Number(result.label),
      traceId: res.kind === 'json' ? String(res.body.trace_id ?? '') : '',
    };
  }

  /** The mini-program code image for a page; JSON answers are errors (WechatApiError). */
  async getWxaCodeUnlimit(input: WxaCodeInput): Promise<Buffer> {
    const res = await this.withToken('getwxacodeunlimit', '/wxa/getwxacodeunlimit', {
      scene: input.scene,
      page: input.page,
      width: input.width,
      env_version: input.envVersion,
      check_path: input.checkPath,
    });
    if (res.kind !== 'image') throw new WechatTransportError('parse', 'getwxacodeunlimit', 'expected an image, got JSON without errcode');
    return res.bytes;
  }

  /**
   * POST with `?access_token=`. On 40001/40014/42001: forget the token (only if it is still the
   * one used), get a fresh one and retry exactly once; a second token error is thrown.
   */
  private async withToken(endpoint: WechatEndpoint, path: string, body: unknown): Promise<WechatHttpResult> {
    const call = (token: string) => this.withBusyRetry({ endpoint, method: 'POST', path, query: { access_token: token }, body });
    const token = await this.getAccessToken();
    try {
      return await call(token);
    } catch (err) {
      if (!isTokenError(err)) throw err;
      this.options.logger?.warn(`WeChat ${endpoint} answered ${err.errcode}; renewing the access token and retrying once`);
      return call(await this.renewAfterFailure(token));
    }
  }

  private async json(req: WechatHttpRequest): Promise<Record<string, unknown>> {
    const res = await this.withBusyRetry(req);
    if (res.kind !== 'json') throw new WechatTransportError('parse', req.endpoint, 'unexpected image answer');
    return res.body;
  }

  /** errcode -1 (busy): back off base·2^n plus up to base of jitter, `attempts` tries in all. */
  private async withBusyRetry(req: WechatHttpRequest): Promise<WechatHttpResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await wechatHttp(this.options.apiBase, this.options.timeoutMs, req);
      } catch (err) {
        if (!(err instanceof WechatApiError) || err.errcode !== -1 || attempt >= this.attempts) throw err;
        const delay = Math.round(this.baseDelayMs * 2 ** (attempt - 1) + Math.random() * this.baseDelayMs);
        this.options.logger?.warn(`WeChat ${req.endpoint} busy (-1); retry ${attempt}/${this.attempts - 1} in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  /** A token to retry with after `failed` was refused: another caller's fresher one, or a new one. */
  private async renewAfterFailure(failed: string): Promise<string> {
    await this.tokens.invalidate(this.options.appid, failed);
    const stored = await this.tokens.get(this.options.appid);
    if (stored && stored.accessToken !== failed && stored.expiresAt.getTime() - Date.now() > this.marginMs) return stored.accessToken;
    return this.refreshShared(failed);
  }

  /** Concurrent callers in this process share one refresh. */
  private refreshShared(failed: string | undefined): Promise<string> {
    this.refreshing ??= this.refresh(failed).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * stable_token in normal mode returns the token every instance shares. If it hands back the very
   * token WeChat just refused, ask once with force_refresh (WeChat allows 20/day, 30 s apart); if
   * that is refused, keep the token we have: the single retry will tell.
   */
  private async refresh(failed: string | undefined): Promise<string> {
    let got = await this.stableToken(false);
    if (failed !== undefined && got.token === failed) {
      try {
        got = await this.stableToken(true);
      } catch (err) {
        if (!(err instanceof WechatApiError)) throw err;
        this.options.logger?.warn(`WeChat stable_token force_refresh refused (${err.errcode}); keeping the current token`);
      }
    }
    await this.tokens.save(this.options.appid, got.token, new Date(Date.now() + got.expiresIn * 1000));
    return got.token;
  }

  private async stableToken(forceRefresh: boolean): Promise<{ token: string; expiresIn: number }> {
    const { appid, secret } = this.options;
    const body = await this.json({
      endpoint: 'stable_token',
      method: 'POST',
      path: '/cgi-bin/stable_token',
      query: {},
      body: { grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh },
    });
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new WechatTransportError('parse', 'stable_token', 'answer without access_token/expires_in');
    }
    return { token: body.access_token, expiresIn: body.expires_in };
  }
}
