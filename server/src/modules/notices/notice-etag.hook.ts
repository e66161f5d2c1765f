import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The routes answered with a weak ETag (Fastify route patterns, global prefix included). */
export const ETAG_ROUTES: ReadonlySet<string> = new Set(['/api/notices', '/api/notices/:id']);

/** `W/"…"`: a weak validator derived from the serialised body (same JSON ⇒ same tag). */
export function weakEtag(payload: string | Buffer): string {
  return `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
}

/** If-None-Match holds `tag` (weak comparison: W/ prefixes ignored) or `*`. */
export function etagMatches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const want = opaque(tag);
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === want);
}

/**
 * Conditional GET for the feed and the notice page. After a successful GET of an ETAG_ROUTES route
 * is serialised, its body's weak ETag is set; when the request's If-None-Match holds it, the answer
 * is 304 with no body — the app's pull-to-refresh costs a round trip and no download when nothing
 * changed. `Cache-Control: no-cache` makes clients revalidate every time, and `Vary: Authorization`
 * because a token picks the default region. A Fastify onSend hook rather than a Nest interceptor:
 * Nest sets the handler's status (200) after interceptors run, and here the body is already the
 * serialised string, so it is hashed once and never serialised twice.
 */
@Injectable()
export class NoticeEtagHook implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (request.method !== 'GET' || reply.statusCode !== 200 || !ETAG_ROUTES.has(request.routeOptions.url ?? '')) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const tag = weakEtag(payload);
      const vary = String(reply.getHeader('vary') ?? '');
      void reply
        .header('etag', tag)
        .header('cache-control', 'no-cache')
        .header('vary', /\bauthorization\b/i.test(vary) ? vary : vary ? `${vary}, Authorization` : 'Authorization');
      const ifNoneMatch = request.headers['if-none-match'];
      if (!etagMatches(Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch, tag)) return payload;
      void reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    });
  }
}
