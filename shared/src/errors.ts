/**
 * Error codes the API returns in `{code, message, details?, requestId}`.
 * Messages are plain Chinese for the people who read them; `details` names fields and reasons.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查后重试' },
  BAD_REQUEST: { status: 400, message: '请求无法处理' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  LOGIN_CODE_INVALID: { status: 401, message: '登录凭证无效，请重新登录' },
  LOGIN_CODE_EXPIRED: { status: 401, message: '登录凭证已过期，请重新登录' },
  LOGIN_CODE_USED: { status: 401, message: '登录凭证已被使用，请重新登录' },
  LOGIN_BLOCKED: { status: 403, message: '该微信账号存在风险，暂时无法登录' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  OUT_OF_SCOPE: { status: 403, message: '该区域不在您的管辖范围内' },
  NOT_FOUND: { status: 404, message: '找不到相应内容' },
  REGION_NOT_FOUND: { status: 404, message: '找不到该区域' },
  CONFLICT: { status: 409, message: '内容已存在或已被修改' },
  INVALID_TRANSITION: { status: 409, message: '公告当前的状态不允许这样操作' },
  PERSONAL_DATA_FOUND: { status: 400, message: '内容中有未打码的身份证号或手机号码，请打码后再提交' },
  INVITE_INVALID: { status: 400, message: '邀请码无效' },
  INVITE_EXPIRED: { status: 400, message: '邀请码已过期' },
  INVITE_USED: { status: 409, message: '邀请码已被使用' },
  CASE_CLAIM_FAILED: { status: 400, message: '办件编号、姓名或手机号后四位不匹配，请核对受理回执' },
  CASE_FINISHED: { status: 409, message: '该办件已办结，不能再修改' },
  CASE_STEP_MISMATCH: { status: 409, message: '该环节不是当前正在办理的环节' },
  CONSULTATION_NOT_OPEN: { status: 409, message: '该征求意见不在意见征集期内' },
  CONTENT_REJECTED: { status: 422, message: '内容未通过安全检查，请修改后再提交' },
  IMPORT_FAILED: { status: 422, message: '导入失败，文件中有错误的行，未导入任何数据' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '文件或内容太大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的文件类型' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  WECHAT_UNAVAILABLE: { status: 502, message: '微信服务暂时不可用，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  DATABASE_UNAVAILABLE: { status: 503, message: '系统暂时无法读写数据，请稍后重试' },
  STORAGE_FULL: { status: 507, message: '存储空间已满，文件没有保存，请联系管理员' },
  STORAGE_UNAVAILABLE: { status: 503, message: '文件存储暂时不可用，文件没有保存，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one field of the input: `path` is dotted (`items.0.name`), `reason` is plain Chinese. */
export interface FieldIssue {
  path: string;
  reason: string;
}

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId: string;
}
