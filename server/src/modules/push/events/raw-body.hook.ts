import { Readable } from 'node:stream';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The path WeChat pushes to (global prefix included). */
export const WECHAT_EVENTS_PATH = '/api/wechat/events';

/** The largest push accepted (a receipt list is a few KB). */
export const WECHAT_EVENTS_MAX_BYTES = 256 * 1024;

const RAW = Symbol('wechatRawBody');
type WithRaw = FastifyRequest & { [RAW]?: string };

/** The push's body as received, or undefined (not a push, or no body). */
export function rawBodyOf(req: FastifyRequest): string | undefined {
  return (req as WithRaw)[RAW];
}

/**
 * Keeps the exact text of WeChat's pushes before Fastify parses them: WeChat's msgids exceed 2^53, and
 * JSON.parse would round them, so the receipts are read from the text (parsePushJson). A Fastify
 * preParsing hook limited to WECHAT_EVENTS_PATH: other routes' bodies are untouched.
 */
@Injectable()
export class WechatEventsRawBody implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('preParsing', async (request: FastifyRequest, _reply, payload) => {
      if (request.method !== 'POST' || request.url.split('?')[0] !== WECHAT_EVENTS_PATH) return payload;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of payload) {
        const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        size += b.length;
        if (size > WECHAT_EVENTS_MAX_BYTES) throw Object.assign(new Error('push body too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
        chunks.push(b);
      }
      const body = Buffer.concat(chunks);
      (request as WithRaw)[RAW] = body.toString('utf8');
      const replay = Readable.from([body]) as Readable & { receivedEncodedLength?: number };
      replay.receivedEncodedLength = body.length;
      return replay;
    });
  }
}
