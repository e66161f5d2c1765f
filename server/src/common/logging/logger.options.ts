import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../../config/env.schema';

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Fastify's request id: the caller's `x-request-id` when well-formed, else a new UUID. It is written
 * back onto the raw headers so the pino-http logger (which runs later) logs the same id.
 */
export function genRequestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  raw.headers['x-request-id'] = id;
  return id;
}

/**
 * Structured request logs: one line per request with its id, method, route path (no query string,
 * which may carry personal data), status and time. Authorization and cookies are never logged.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.log.level,
      genReqId: (req) => String(req.headers['x-request-id'] ?? randomUUID()),
      customProps: (req) => ({ requestId: req.headers['x-request-id'] }),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.session_key', '*.sessionKey', '*.secret'], censor: '[redacted]' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
      ...(config.log.pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
    },
    forRoutes: [{ path: '*path', method: 0 /* ALL */ }],
  };
}
