import type { ErrorCode, FieldIssue } from '@sunboard/shared';

/** Codes the client adds to the server's ErrorCode list. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'LOGIN_UNSUPPORTED' | 'UNKNOWN';

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';
export const TIMEOUT_MESSAGE = '网络连接超时，请稍后重试';
export const UNKNOWN_MESSAGE = '出了点问题，请稍后重试';

/** Every failed API call surfaces as one of these; `message` is plain Chinese, fit to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly details?: unknown;
  readonly requestId?: string;

  constructor(init: { status: number; code: ErrorCode | ClientErrorCode; message: string; details?: unknown; requestId?: string }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

const STATUS_MESSAGES: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求无法处理' },
  401: { code: 'UNAUTHENTICATED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '没有权限进行此操作' },
  404: { code: 'NOT_FOUND', message: '找不到相应内容' },
  409: { code: 'CONFLICT', message: '内容已存在或已被修改' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '文件或内容太大' },
  429: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' },
  502: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
  503: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
  504: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
};

function hasChinese(s: string): boolean {
  return /[\u4e00-\u9fff]/.test(s);
}

/**
 * Builds the ApiError for a non-2xx response. The server's body is `{code, message, details?,
 * requestId}`; a proxy's HTML page or an empty body falls back to a message by status.
 */
export function toApiError(status: number, body: unknown): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const fallback = STATUS_MESSAGES[status] ?? (status >= 500 ? { code: 'INTERNAL' as const, message: '服务器开小差了，请稍后再试' } : null);
  const code = typeof b.code === 'string' && b.code ? (b.code as ErrorCode) : (fallback?.code ?? 'UNKNOWN');
  const message =
    typeof b.message === 'string' && b.message.trim() && hasChinese(b.message)
      ? b.message.trim()
      : (fallback?.message ?? `请求失败（错误码 ${status}），请稍后重试`);
  return new ApiError({
    status,
    code,
    message,
    details: b.details,
    requestId: typeof b.requestId === 'string' ? b.requestId : undefined,
  });
}

/** Builds the ApiError for a request that never got an answer (Taro.request's fail callback). */
export function toNetworkError(err: unknown): ApiError {
  const errMsg = String((err as { errMsg?: unknown; message?: unknown })?.errMsg ?? (err as Error)?.message ?? '');
  const timeout = /timeout|超时/i.test(errMsg);
  return new ApiError({
    status: 0,
    code: timeout ? 'TIMEOUT' : 'NETWORK_ERROR',
    message: timeout ? TIMEOUT_MESSAGE : NETWORK_MESSAGE,
  });
}

/** Field problems of a VALIDATION_FAILED error, if any. */
export function fieldIssues(err: unknown): FieldIssue[] {
  if (!isApiError(err) || err.code !== 'VALIDATION_FAILED' || !Array.isArray(err.details)) return [];
  return err.details.filter(
    (d): d is FieldIssue => !!d && typeof d === 'object' && typeof (d as FieldIssue).reason === 'string',
  );
}

/** The one sentence to show a resident for any error. */
export function describeError(err: unknown): string {
  if (isApiError(err)) {
    const issues = fieldIssues(err);
    if (issues.length > 0) {
      const reasons = Array.from(new Set(issues.map((i) => i.reason))).slice(0, 2);
      return reasons.join('；');
    }
    return err.message;
  }
  return UNKNOWN_MESSAGE;
}
