import { ApiError, describeError, fieldIssues, isApiError, NETWORK_MESSAGE, toApiError, toNetworkError, UNKNOWN_MESSAGE } from './api-error';

describe('toApiError', () => {
  it('keeps the server body', () => {
    const err = toApiError(401, { code: 'LOGIN_CODE_USED', message: '登录凭证已被使用，请重新登录', requestId: 'r-1' });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'LOGIN_CODE_USED', message: '登录凭证已被使用，请重新登录', requestId: 'r-1' });
  });

  it('falls back by status for a body that is not ours', () => {
    expect(toApiError(502, '<html>Bad gateway</html>')).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' });
    expect(toApiError(500, null)).toMatchObject({ code: 'INTERNAL', message: '服务器开小差了，请稍后再试' });
    expect(toApiError(404, {})).toMatchObject({ code: 'NOT_FOUND', message: '找不到相应内容' });
    expect(toApiError(418, undefined)).toMatchObject({ code: 'UNKNOWN', message: '请求失败（错误码 418），请稍后重试' });
  });

  it('never shows an English message to a resident', () => {
    expect(toApiError(400, { code: 'BAD_REQUEST', message: 'Bad Request' }).message).toBe('请求无法处理');
  });
});

describe('toNetworkError', () => {
  it('maps a failed request to the network message', () => {
    expect(toNetworkError({ errMsg: 'request:fail' })).toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_MESSAGE });
    expect(toNetworkError(new TypeError('Failed to fetch')).message).toBe(NETWORK_MESSAGE);
  });
  it('tells a timeout apart', () => {
    expect(toNetworkError({ errMsg: 'request:fail timeout' })).toMatchObject({ code: 'TIMEOUT', message: '网络连接超时，请稍后重试' });
  });
});

describe('describeError', () => {
  it('lists the reasons of a validation error', () => {
    const err = toApiError(400, {
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请检查后重试',
      details: [
        { path: 'code', reason: '邀请码太短' },
        { path: 'code', reason: '邀请码太短' },
        { path: 'x', reason: '不能为空' },
        { path: 'y', reason: '第三条' },
      ],
      requestId: 'r',
    });
    expect(fieldIssues(err)).toHaveLength(4);
    expect(describeError(err)).toBe('邀请码太短；不能为空');
  });
  it('uses the message otherwise', () => {
    expect(describeError(toApiError(400, { code: 'INVITE_INVALID', message: '邀请码无效' }))).toBe('邀请码无效');
  });
  it('has a plain fallback for anything else', () => {
    expect(describeError(new Error('boom'))).toBe(UNKNOWN_MESSAGE);
    expect(isApiError(new Error('x'))).toBe(false);
  });
});
