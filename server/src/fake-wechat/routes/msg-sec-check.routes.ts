import type { FastifyInstance } from 'fastify';
import type { FakeContext } from '../context';
import { objectBody, registerEndpoint } from '../wechat-endpoint';
import { rid, WechatFault } from '../wechat-error';
import { OPENID } from './subscribe-send.routes';

const MAX_CONTENT_CHARS = 2500;

/** The verdict: `__RISKY__` → risky 20001 (political), `__REVIEW__` → review 21000 (other), else pass 100. */
function verdict(content: string): { suggest: 'pass' | 'review' | 'risky'; label: number; keyword?: string } {
  if (content.includes('__RISKY__')) return { suggest: 'risky', label: 20001, keyword: '__RISKY__' };
  if (content.includes('__REVIEW__')) return { suggest: 'review', label: 21000, keyword: '__REVIEW__' };
  return { suggest: 'pass', label: 100 };
}

/**
 * POST /wxa/msg_sec_check, version 2 only. Malformed requests (no content, content over 2500
 * characters, no openid, version ≠ 2, scene not 1–4) answer 47001 `data format error`: WeChat's
 * exact code for an over-long content is undocumented, and 47001 is its malformed-body code.
 * openids starting `o_stale` answer 61010 (user not seen in the last 2 hours).
 */
export function msgSecCheckRoutes(app: FastifyInstance, ctx: FakeContext): void {
  registerEndpoint(app, ctx, {
    method: 'POST',
    url: '/wxa/msg_sec_check',
    endpoint: 'msg_sec_check',
    needsToken: true,
    handle: (req) => {
      const { content, openid, scene, version } = objectBody(req);
      if (version !== 2 || typeof content !== 'string' || [...content].length > MAX_CONTENT_CHARS) throw new WechatFault(47001);
      if (typeof openid !== 'string' || openid === '') throw new WechatFault(47001);
      if (typeof scene !== 'number' || ![1, 2, 3, 4].includes(scene)) throw new WechatFault(47001);
      if (!OPENID.test(openid)) throw new WechatFault(40003);
      if (openid.startsWith('o_stale')) throw new WechatFault(61010);
      const { suggest, label, keyword } = verdict(content);
      const detail: Record<string, unknown>[] = [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 },
      ];
      if (keyword) detail.push({ strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword });
      return { json: { errcode: 0, errmsg: 'ok', trace_id: rid(), result: { suggest, label }, detail } };
    },
  });
}
