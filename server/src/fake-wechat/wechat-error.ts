import { randomBytes } from 'node:crypto';

/** WeChat's own wording where known; the rid suffix is appended when the error is sent. */
const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40169: 'invalid length for scene, or the data is not json string',
  40226: 'high risk user, login blocked',
  41008: 'missing code',
  41030: 'invalid page',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
  61010: 'the user has not visited the mini program in the last 2 hours',
};

/** A WeChat request id as it appears in errmsg: `rid: 6475b0a7-4a7c9e0c-1d5c1c2f`. */
export function rid(): string {
  return [0, 1, 2].map(() => randomBytes(4).toString('hex')).join('-');
}

/** Thrown inside a route to answer HTTP 200 `{errcode, errmsg: "… rid: …"}`. */
export class WechatFault extends Error {
  constructor(
    readonly errcode: number,
    readonly text: string = ERRMSG[errcode] ?? 'fake-wechat injected error',
  ) {
    super(`${errcode} ${text}`);
  }

  body(): { errcode: number; errmsg: string } {
    return { errcode: this.errcode, errmsg: `${this.text} rid: ${rid()}` };
  }
}
