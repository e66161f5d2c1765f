import type { FastifyInstance } from 'fastify';
import type { FakeContext } from '../context';
import { fakeWxaCodePng } from '../png';
import { objectBody, registerEndpoint } from '../wechat-endpoint';
import { WechatFault } from '../wechat-error';

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE = /^[A-Za-z0-9_\-]+(?:\/[A-Za-z0-9_\-]+)*$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];

/**
 * POST /wxa/getwxacodeunlimit: a PNG on success, JSON on failure. Bad scene → 40169, page with a
 * leading `/` (or not a path) → 41030. A width outside 280–1280 or an unknown env_version → 47001:
 * WeChat documents the range but not the error, and refusing catches client bugs early.
 */
export function wxacodeRoutes(app: FastifyInstance, ctx: FakeContext): void {
  registerEndpoint(app, ctx, {
    method: 'POST',
    url: '/wxa/getwxacodeunlimit',
    endpoint: 'getwxacodeunlimit',
    needsToken: true,
    handle: (req) => {
      const { scene, page, width = 430, env_version: envVersion, check_path: checkPath } = objectBody(req);
      if (typeof scene !== 'string' || !SCENE.test(scene)) throw new WechatFault(40169);
      if (page !== undefined && (typeof page !== 'string' || !PAGE.test(page))) throw new WechatFault(41030);
      if (typeof width !== 'number' || !Number.isInteger(width) || width < 280 || width > 1280) {
        throw new WechatFault(47001, 'data format error hint: width must be an integer from 280 to 1280');
      }
      if (envVersion !== undefined && (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion))) throw new WechatFault(47001);
      if (checkPath !== undefined && typeof checkPath !== 'boolean') throw new WechatFault(47001);
      return { png: fakeWxaCodePng(width, `${scene}|${page ?? ''}`) };
    },
  });
}
