import type { FastifyInstance } from 'fastify';
import type { FakeContext } from '../context';
import { credentialKey, type DeliveredMessage } from '../state';
import { checkTemplateValue, keyPrefix } from '../value-rules';
import { objectBody, registerEndpoint } from '../wechat-endpoint';
import { WechatFault } from '../wechat-error';

/** Any id of this shape is a known template (the fake has no template registry). */
export const TEMPLATE_ID = /^[A-Za-z0-9_-]{5,64}$/;
/** Real openids are 28 characters starting with `o`; the fake only insists on the `o`. */
export const OPENID = /^o[A-Za-z0-9_-]{1,127}$/;

const STATES = ['formal', 'trial', 'developer'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

const optionalOneOf = (v: unknown, allowed: string[]): v is string | undefined =>
  v === undefined || (typeof v === 'string' && allowed.includes(v));

function parseData(raw: unknown): Record<string, { value: unknown }> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length === 0) throw new WechatFault(47001);
  for (const entry of Object.values(raw)) {
    if (entry === null || typeof entry !== 'object' || !('value' in entry)) throw new WechatFault(47001);
  }
  return raw as Record<string, { value: unknown }>;
}

/** 47003 naming the field, e.g. `argument invalid! data.thing1.value is invalid`. */
function checkValues(data: Record<string, { value: unknown }>): void {
  for (const [key, { value }] of Object.entries(data)) {
    const prefix = keyPrefix(key);
    if (!prefix || !checkTemplateValue(prefix, value)) {
      throw new WechatFault(47003, `argument invalid! data.${key}.value is invalid`);
    }
  }
}

/** Spends the right to send: one one-time credit, or a long-term grant (kept). 43101 when there is none. */
function spendCredit(ctx: FakeContext, openid: string, templateId: string): void {
  const key = credentialKey(openid, templateId);
  if (ctx.state.longTermTemplates.has(templateId)) {
    if (!ctx.state.longTermGrants.has(key)) throw new WechatFault(43101);
    return;
  }
  const left = ctx.state.credits.get(key) ?? 0;
  if (left <= 0) throw new WechatFault(43101);
  if (left === 1) ctx.state.credits.delete(key);
  else ctx.state.credits.set(key, left - 1);
}

/**
 * POST /cgi-bin/message/subscribe/send. Checks, in order: body shape (47001), openid (40003), magic
 * openids (`o_busy…` → -1, `o_refuse…` → 43101), template id (40037), values (47003), credit (43101).
 * Success text is written by hand so the msgid (> 2^53) keeps its exact digits.
 */
export function subscribeSendRoutes(app: FastifyInstance, ctx: FakeContext): void {
  registerEndpoint(app, ctx, {
    method: 'POST',
    url: '/cgi-bin/message/subscribe/send',
    endpoint: 'subscribe_send',
    needsToken: true,
    handle: (req) => {
      const body = objectBody(req);
      const { touser, template_id: templateId, page, miniprogram_state: mpState, lang } = body;
      if (typeof touser !== 'string' || typeof templateId !== 'string') throw new WechatFault(47001);
      if (page !== undefined && typeof page !== 'string') throw new WechatFault(47001);
      if (!optionalOneOf(mpState, STATES) || !optionalOneOf(lang, LANGS)) throw new WechatFault(47001);
      const data = parseData(body.data);
      if (!OPENID.test(touser)) throw new WechatFault(40003);
      if (touser.startsWith('o_busy')) throw new WechatFault(-1);
      if (touser.startsWith('o_refuse')) throw new WechatFault(43101);
      if (!TEMPLATE_ID.test(templateId)) throw new WechatFault(40037);
      checkValues(data);
      spendCredit(ctx, touser, templateId);
      const msgid = ctx.state.takeMsgid();
      const message: DeliveredMessage = {
        openid: touser,
        templateId,
        page: page ?? null,
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: String(v.value) }])),
        miniprogramState: mpState ?? null,
        lang: lang ?? null,
        msgid,
        at: new Date(ctx.state.now()).toISOString(),
      };
      ctx.state.messages.push(message);
      return { rawJson: `{"errcode":0,"errmsg":"ok","msgid":${msgid}}` };
    },
  });
}
