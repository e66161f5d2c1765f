import http from 'node:http';
import https from 'node:https';
import type { TokenStore } from '../../wechat/token-store';
import type { SubscribeMessage, WechatClient } from '../../wechat/wechat.client';
import { parseWechatJson } from '../../wechat/wechat-http';
import { TOKEN_ERRCODES, WechatApiError, WechatTransportError } from '../../wechat/wechat.errors';

export interface SubscribeSenderOptions {
  /** WeChat's base URL (or the fake's), no trailing slash. */
  apiBase: string;
  appid: string;
  /** Per call, from the first byte sent to the last byte read. */
  timeoutMs: number;
  /** Keep-alive connections at most (the sends in flight). */
  maxSockets: number;
}

/**
 * subscribeMessage.send for the dispatcher, over a keep-alive `node:http(s)` Agent. The shared
 * WechatClient does the same through `fetch`, which on this hardware costs ~250 µs of CPU per call
 * against ~60 µs here (bench/push; docs/performance.md, "Push") — at thousands of sends a second the
 * difference is the dispatcher's throughput. Same contract as `WechatClient.sendSubscribeMessage`:
 * the msgid comes back as an exact string; WeChat's errcodes throw WechatApiError, anything that is
 * not a WeChat answer (non-2xx, timeout, network, garbage) WechatTransportError.
 *
 * The token is the shared one (`client.getAccessToken()`, read through the dispatcher's cached
 * store). On a token error (40001/40014/42001) the failed token is forgotten (only if it is still the
 * stored one) and the message goes once through `client.sendSubscribeMessage`, which fetches a fresh
 * token — with stable_token's force_refresh when WeChat hands back the refused one — and retries once.
 */
export class SubscribeSender {
  private readonly agent: http.Agent;
  private readonly request: typeof http.request;
  private readonly base: URL;

  constructor(
    private readonly opts: SubscribeSenderOptions,
    private readonly client: WechatClient,
    private readonly tokens: TokenStore,
  ) {
    this.base = new URL(opts.apiBase);
    const secure = this.base.protocol === 'https:';
    const agentOptions = { keepAlive: true, maxSockets: Math.max(1, opts.maxSockets), scheduling: 'lifo' as const };
    this.agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.request = secure ? https.request : http.request;
  }

  async send(msg: SubscribeMessage): Promise<{ msgid: string }> {
    const token = await this.client.getAccessToken();
    try {
      return await this.post(token, msg);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_ERRCODES.includes(err.errcode)) throw err;
      await this.tokens.invalidate(this.opts.appid, token);
      return this.client.sendSubscribeMessage(msg);
    }
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private post(token: string, msg: SubscribeMessage): Promise<{ msgid: string }> {
    const data = Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, typeof v === 'string' ? { value: v } : v]));
    const body = JSON.stringify({
      touser: msg.touser,
      template_id: msg.templateId,
      page: msg.page,
      data,
      miniprogram_state: msg.miniprogramState,
      lang: msg.lang,
    });
    const path = `${this.base.pathname.replace(/\/$/, '')}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      };
      const req = this.request(
        {
          host: this.base.hostname,
          port: this.base.port || undefined,
          path,
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => fail(new WechatTransportError('network', 'subscribe_send', e.message)));
          res.on('end', () => {
            if (settled) return;
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) return fail(new WechatTransportError('http', 'subscribe_send', `HTTP ${status}`, status));
            let json: Record<string, unknown>;
            try {
              json = parseWechatJson(Buffer.concat(chunks).toString('utf8'));
            } catch {
              return fail(new WechatTransportError('parse', 'subscribe_send', `unreadable answer (${res.headers['content-type'] ?? 'no content type'})`));
            }
            if (typeof json.errcode === 'number' && json.errcode !== 0) {
              return fail(new WechatApiError(json.errcode, typeof json.errmsg === 'string' ? json.errmsg : '', 'subscribe_send'));
            }
            if (typeof json.msgid !== 'string') return fail(new WechatTransportError('parse', 'subscribe_send', 'answer without msgid'));
            settled = true;
            clearTimeout(timer);
            resolve({ msgid: json.msgid });
          });
        },
      );
      // Errors never carry the URL: it holds the access token.
      req.on('error', (e) => fail(new WechatTransportError('network', 'subscribe_send', e.message)));
      const timer = setTimeout(() => {
        fail(new WechatTransportError('timeout', 'subscribe_send', `no answer within ${this.opts.timeoutMs} ms`));
        req.destroy();
      }, this.opts.timeoutMs);
      req.end(body);
    });
  }
}
