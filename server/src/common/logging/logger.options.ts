import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../../config/env.schema';
import { scrubLogLine, serializeError } from './log-scrubbing';

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Fastify's request id: the caller's `x-request-id` when well-formed (and not an ID or phone number,
 * which would then be logged with every line), else a new UUID. It is written back onto the raw
 * headers so the pino-http logger (which runs later) logs the same id.
 */
export function genRequestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) && scrubLogLine(given) === given ? given : randomUUID();
  raw.headers['x-request-id'] = id;
  return id;
}

/**
 * Structured request logs: one line per request with its id, method, route path (no query string,
 * which may carry personal data), status and time. Authorization and cookies are never logged, errors
 * are logged without the values of a failed SQL statement, and every line has any ID or mobile number
 * in it masked before it is written (log-scrubbing.ts; docs/security.md, "Logs").
 */
export function loggerOptions(config: AppConfig): Params {
  const options = {
    level: config.log.level,
    genReqId: (req: IncomingMessage) => String(req.headers['x-request-id'] ?? randomUUID()),
    customProps: (req: IncomingMessage) => ({ requestId: req.headers['x-request-id'] }),
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.session_key', '*.sessionKey', '*.secret'], censor: '[redacted]' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: scrubLogLine(String(req.url).split('?')[0]) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
    hooks: { streamWrite: scrubLogLine },
    autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/api/health') },
    ...(config.log.pretty && !config.log.destination ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  };
  return {
    pinoHttp: config.log.destination ? [options, config.log.destination] : options,
    // Every method: RequestMethod.GET is 0, so a bare 0 here logged GET requests only. The per-request
    // logger (child loggers with the serialised request, an AsyncLocalStorage context) is mounted only
    // when request lines are written (level info or finer): at warn or error it would cost about 5% of
    // a feed request's CPU to log nothing — failures are logged by AllExceptionsFilter with their
    // request id either way.
    forRoutes: logsRequests(config.log.level) ? [{ path: '*path', method: RequestMethod.ALL }] : [],
  };
}

/** Whether a level writes pino-http's one line per request (it logs them at info). */
export function logsRequests(level: string): boolean {
  return ['trace', 'debug', 'info'].includes(level);
}
