import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FakeContext } from '../context';
import { queryParam, registerEndpoint } from '../wechat-endpoint';
import { WechatFault } from '../wechat-error';

/**
 * Expired codes: real WeChat answers 40029 `invalid code` for an expired code as for an unknown
 * one. The fake keeps 40029 but says `code expired` in errmsg, which is how our client tells the
 * two apart (`loginErrorKind`). A code already used answers 40163 `code been used`.
 */
export const EXPIRED_CODE_ERRMSG = 'invalid code, code expired';

/** GET /sns/jscode2session: single-use login codes issued by POST /__test/login-code. */
export function loginRoutes(app: FastifyInstance, ctx: FakeContext): void {
  registerEndpoint(app, ctx, {
    method: 'GET',
    url: '/sns/jscode2session',
    endpoint: 'jscode2session',
    needsToken: false,
    handle: (req) => {
      if (queryParam(req, 'appid') !== ctx.options.appid) throw new WechatFault(40013);
      if (queryParam(req, 'secret') !== ctx.options.secret) throw new WechatFault(40125);
      if (queryParam(req, 'grant_type') !== 'authorization_code') throw new WechatFault(40002);
      const jsCode = queryParam(req, 'js_code');
      if (!jsCode) throw new WechatFault(41008);
      const code = ctx.state.codes.get(jsCode);
      if (!code) throw new WechatFault(40029);
      if (code.usedAtMs !== undefined) throw new WechatFault(40163);
      const now = ctx.state.now();
      if (now - code.issuedAtMs >= (code.ttlSeconds ?? ctx.options.codeTtlSeconds) * 1000) throw new WechatFault(40029, EXPIRED_CODE_ERRMSG);
      code.usedAtMs = now;
      if (code.openid.startsWith('o_blocked')) throw new WechatFault(40226);
      const json: Record<string, unknown> = { session_key: randomBytes(16).toString('base64'), openid: code.openid };
      if (code.unionid) json.unionid = code.unionid;
      return { json };
    },
  });
}
