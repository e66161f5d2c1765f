import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FakeContext } from './context';
import type { Endpoint } from './state';
import { WechatFault } from './wechat-error';

/** What a WeChat route answers on success. `rawJson` is sent as written (msgid digits must stay exact). */
export type Answer = { json: Record<string, unknown> } | { rawJson: string } | { png: Buffer };

export interface EndpointDef {
  method: 'GET' | 'POST';
  url: string;
  endpoint: Endpoint;
  /** Checks `?access_token=` before the handler runs. */
  needsToken: boolean;
  handle(req: FastifyRequest): Answer | Promise<Answer>;
}

const HOLD_MS = 30_000;

/** First value of a query parameter. */
export function queryParam(req: FastifyRequest, name: string): string | undefined {
  const v = (req.query as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Waits `ms`, or less if the client goes away or the fake closes. Resolves with why it stopped.
 */
export function pause(ctx: FakeContext, reply: FastifyReply, ms: number): Promise<'elapsed' | 'client-gone' | 'closing'> {
  return new Promise((resolve) => {
    const finish = (why: 'elapsed' | 'client-gone' | 'closing') => {
      clearTimeout(timer);
      reply.raw.off('close', onClose);
      ctx.pauses.delete(onRelease);
      resolve(why);
    };
    const onClose = () => finish('client-gone');
    const onRelease = () => finish('closing');
    const timer = setTimeout(() => finish('elapsed'), ms);
    reply.raw.on('close', onClose);
    ctx.pauses.add(onRelease);
  });
}

/**
 * Token rules for every access_token endpoint. A missing token answers 40014 like an unknown one
 * (real WeChat says 41001 for a missing one; the client treats both the same way).
 */
export function checkAccessToken(ctx: FakeContext, token: string | undefined): void {
  const issued = token ? ctx.state.tokens.get(token) : undefined;
  if (!issued) throw new WechatFault(40014);
  const now = ctx.state.now();
  if (now >= issued.expiresAtMs) throw new WechatFault(42001);
  if (issued.invalidAfterMs !== undefined && now >= issued.invalidAfterMs) throw new WechatFault(40001);
}

function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  if ('png' in answer) return reply.type('image/png').send(answer.png);
  const text = 'rawJson' in answer ? answer.rawJson : JSON.stringify(answer.json);
  return reply.type('application/json; charset=utf-8').send(text);
}

function sendFault(reply: FastifyReply, fault: WechatFault): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(fault.body()));
}

/**
 * Registers one WeChat endpoint with the behaviour every one shares, in this order: count the call,
 * apply latency, answer an injected fault if one is queued, check the token, run the handler.
 * Errors are HTTP 200 JSON; only injected `http500`/`timeout` faults break that.
 */
export function registerEndpoint(app: FastifyInstance, ctx: FakeContext, def: EndpointDef): void {
  app.route({
    method: def.method,
    url: def.url,
    handler: async (req, reply) => {
      const stats = ctx.state.stats[def.endpoint];
      stats.calls++;
      const latency = ctx.state.latencyFor(def.endpoint);
      if (latency > 0 && (await pause(ctx, reply, latency)) !== 'elapsed') return reply.hijack();
      const fault = ctx.state.takeFault(def.endpoint);
      if (fault !== undefined) {
        stats.errors++;
        if (fault === 'http500') return reply.code(500).type('text/html').send('<html><body>500 Internal Server Error</body></html>');
        if (fault === 'timeout') {
          await pause(ctx, reply, HOLD_MS);
          reply.hijack();
          if (!reply.raw.destroyed && !reply.raw.headersSent) {
            reply.raw.writeHead(504, { 'content-type': 'text/plain' });
            reply.raw.end('fake-wechat: held request released');
          }
          return reply;
        }
        return sendFault(reply, new WechatFault(fault));
      }
      try {
        if (def.needsToken) checkAccessToken(ctx, queryParam(req, 'access_token'));
        return sendAnswer(reply, await def.handle(req));
      } catch (err) {
        if (!(err instanceof WechatFault)) throw err;
        stats.errors++;
        return sendFault(reply, err);
      }
    },
  });
}

/** A JSON body sent to a WeChat endpoint that did not parse. */
export const MALFORMED_BODY = Symbol('malformed-body');

/** The POST body as a plain object, or 47001 like WeChat for anything else. */
export function objectBody(req: FastifyRequest): Record<string, unknown> {
  const body = req.body as unknown;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new WechatFault(47001);
  return body as Record<string, unknown>;
}
