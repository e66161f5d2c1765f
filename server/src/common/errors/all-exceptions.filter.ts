import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject, Logger, NotFoundException, Optional } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { ZodError } from 'zod';
import { ERROR_CODES, type ErrorBody, type ErrorCode, toFieldIssues } from '@sunboard/shared';
import { AppError } from './app-error';
import { isDatabaseUnavailable } from './database-unavailable';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { h5Root } from '../static/h5-root';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Retry-After on a 503 DATABASE_UNAVAILABLE: a restarting database is usually back within seconds. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Fastify's own errors (body parsing, size, content type) carry `statusCode` and a `code` like FST_ERR_CTP_*. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Maps anything thrown in a request to the one error shape. Unknown errors become a logged 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private readonly indexHtml: Buffer | null;

  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    const root = config ? h5Root(config) : null;
    this.indexHtml = root ? readFileSync(join(root, 'index.html')) : null;
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    if (this.indexHtml && exception instanceof NotFoundException && this.isPageRequest(request)) {
      // The h5 app routes by hash; any other page path gets the app shell.
      void reply.status(200).header('content-type', 'text/html; charset=utf-8').send(this.indexHtml);
      return;
    }
    const { status, body } = this.toResponse(exception, String(request.id));
    if (body.code === 'DATABASE_UNAVAILABLE') {
      // Expected while the database restarts: one short line per request, no stack; clients may retry.
      const driver = exception as { code?: unknown; message?: unknown };
      this.logger.warn({ requestId: body.requestId, route: request.routeOptions?.url, dbError: String(driver.code ?? driver.message ?? '').slice(0, 80) }, 'database unavailable');
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (status >= 500) {
      this.logger.error(
        { err: exception, requestId: body.requestId, method: request.method, route: request.routeOptions?.url },
        'request failed',
      );
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private isPageRequest(request: FastifyRequest): boolean {
    return request.method === 'GET' && !request.url.startsWith('/api') && String(request.headers.accept ?? '').includes('text/html');
  }

  toResponse(exception: unknown, requestId: string): { status: number; body: ErrorBody } {
    const make = (code: ErrorCode, status: number, message?: string, details?: unknown) => ({
      status,
      body: { code, message: message ?? ERROR_CODES[code].message, ...(details !== undefined ? { details } : {}), requestId },
    });
    if (exception instanceof AppError) return make(exception.code, exception.status, exception.message, exception.details);
    if (exception instanceof ZodError) return make('VALIDATION_FAILED', 400, undefined, toFieldIssues(exception));
    if (exception instanceof ThrottlerException) return make('RATE_LIMITED', 429);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Fastify's body-parsing failures reach here wrapped by Nest as a plain 400.
      if (status === 400) return make('VALIDATION_FAILED', 400, '请求内容格式有误', [{ path: '(body)', reason: /JSON/i.test(exception.message) ? '不是有效的 JSON' : '格式有误' }]);
      const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
      return make(code, status);
    }
    if (isDatabaseUnavailable(exception)) return make('DATABASE_UNAVAILABLE', 503);
    if (exception instanceof QueryFailedError) {
      const driverCode = (exception as unknown as { code?: string }).code ?? '';
      if (/ER_DUP_ENTRY|SQLITE_CONSTRAINT_UNIQUE|SQLITE_CONSTRAINT_PRIMARYKEY/.test(driverCode)) return make('CONFLICT', 409);
      return make('INTERNAL', 500);
    }
    const fe = exception as FastifyLikeError;
    if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return make('PAYLOAD_TOO_LARGE', 413);
      if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) return make('UNSUPPORTED_MEDIA_TYPE', 415);
      if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.statusCode === 400) {
        return make('VALIDATION_FAILED', 400, '请求内容不是有效的 JSON', [{ path: '(body)', reason: '不是有效的 JSON' }]);
      }
      return make(STATUS_CODES[fe.statusCode] ?? 'BAD_REQUEST', fe.statusCode);
    }
    return make('INTERNAL', 500);
  }
}
