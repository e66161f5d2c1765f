import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@sunboard/shared';

/** A coded, expected failure. The global filter turns it into `{code, message, details?, requestId}`. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
    status?: number,
  ) {
    super(message ?? ERROR_CODES[code].message);
    this.status = status ?? ERROR_CODES[code].status;
  }

  /** 400 VALIDATION_FAILED naming one field. */
  static field(path: string, reason: string): AppError {
    return new AppError('VALIDATION_FAILED', undefined, [{ path, reason } satisfies FieldIssue]);
  }

  static notFound(what = '内容'): AppError {
    return new AppError('NOT_FOUND', `找不到该${what}`);
  }

  static forbidden(message?: string): AppError {
    return new AppError('FORBIDDEN', message);
  }
}
