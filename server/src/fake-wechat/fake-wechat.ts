import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import type { FakeContext } from './context';
import { loginRoutes } from './routes/login.routes';
import { msgSecCheckRoutes } from './routes/msg-sec-check.routes';
import { phoneRoutes } from './routes/phone.routes';
import { subscribeSendRoutes } from './routes/subscribe-send.routes';
import { testControlRoutes } from './routes/test-control.routes';
import { testMessageRoutes } from './routes/test-messages.routes';
import { testSubscriptionRoutes } from './routes/test-subscriptions.routes';
import { tokenRoutes } from './routes/token.routes';
import { wxacodeRoutes } from './routes/wxacode.routes';
import { FakeWechatState } from './state';
import { MALFORMED_BODY } from './wechat-endpoint';

export interface FakeWechatOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  appid: string;
  secret: string;
  tokenTtlSeconds?: number;
  codeTtlSeconds?: number;
  /** Templates that are long-term from the start (more via POST /__test/long-term). */
  longTermTemplateIds?: string[];
  /** Where receipts and change events are pushed (also settable via POST /__test/callback). */
  callbackUrl?: string;
  /** The token the callback signature is computed with. */
  callbackToken?: string;
  logger?: boolean;
}

export interface FakeWechat {
  url: string;
  port: number;
  state: FakeWechatState;
  close(): Promise<void>;
}

/**
 * Starts the fake WeChat server (wechat-api.md, "What the fake must do") on loopback, with all
 * state in memory. Resolves once it listens.
 */
export async function createFakeWechat(opts: FakeWechatOptions): Promise<FakeWechat> {
  const state = new FakeWechatState({
    longTermTemplateIds: opts.longTermTemplateIds ?? [],
    callbackUrl: opts.callbackUrl ?? null,
    callbackToken: opts.callbackToken ?? 'sunboard-dev-callback-token',
  });
  const ctx: FakeContext = {
    state,
    options: {
      appid: opts.appid,
      secret: opts.secret,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 7200,
      codeTtlSeconds: opts.codeTtlSeconds ?? 300,
    },
    pauses: new Set(),
  };

  const app = Fastify({ logger: opts.logger ?? false, forceCloseConnections: true });
  // WeChat reads bodies as JSON whatever the Content-Type says, and answers 47001 (HTTP 200)
  // for a body that does not parse: so parse everything ourselves and let routes decide.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(null, MALFORMED_BODY);
    }
  });

  for (const register of [
    loginRoutes,
    tokenRoutes,
    subscribeSendRoutes,
    msgSecCheckRoutes,
    wxacodeRoutes,
    testSubscriptionRoutes,
    testControlRoutes,
    testMessageRoutes,
    phoneRoutes,
  ]) {
    register(app, ctx);
  }

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const port = (app.server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    state,
    close: async () => {
      for (const release of [...ctx.pauses]) release();
      await app.close();
    },
  };
}
