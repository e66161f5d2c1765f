import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { pushEvent } from '../callback';
import type { FakeContext } from '../context';
import { credentialKey } from '../state';
import { testRoute } from './test-route';

const openid = z.string().min(1).max(128);
const templateId = z.string().min(1).max(128);

/** What each receipt status looks like in the push (ErrorCode values per community sources). */
const RECEIPT = {
  success: { ErrorCode: 0, ErrorStatus: 'success' },
  user_refused: { ErrorCode: 20004, ErrorStatus: 'fail:user refuse' },
  failed: { ErrorCode: 20005, ErrorStatus: 'fail:system error' },
} as const;

/** Delivered messages, and the pushes WeChat sends later (receipts, subscription changes). */
export function testMessageRoutes(app: FastifyInstance, ctx: FakeContext): void {
  const { state } = ctx;

  testRoute(app, 'GET', '/__test/messages', z.object({ openid: openid.optional() }), (i) => ({
    messages: i.openid ? state.messages.filter((m) => m.openid === i.openid) : state.messages,
  }));
  testRoute(app, 'DELETE', '/__test/messages', z.object({}), () => {
    state.messages = [];
    return { cleared: true };
  });

  const pushed = async (reply: FastifyReply, push: () => Promise<{ status: number; body: string }>) => {
    try {
      const res = await push();
      return { delivered: true, callbackStatus: res.status, callbackBody: res.body };
    } catch (err) {
      return reply.code(502).send({ delivered: false, error: err instanceof Error ? err.message : String(err) });
    }
  };

  testRoute(
    app,
    'POST',
    '/__test/receipt',
    z.object({
      openid,
      templateId,
      // A string: msgids exceed 2^53.
      msgid: z.string().regex(/^\d+$/, 'msgid must be a string of digits'),
      status: z.enum(['success', 'user_refused', 'failed']),
    }),
    (i, _req, reply) =>
      pushed(reply, () => pushEvent(state, i.openid, 'subscribe_msg_sent_event', { TemplateId: i.templateId, MsgID: i.msgid, ...RECEIPT[i.status] })),
  );

  /** A user switching a template off (reject) also drops their credits and long-term grant, as WeChat would refuse further sends. */
  testRoute(app, 'POST', '/__test/change-event', z.object({ openid, templateId, status: z.enum(['reject', 'accept']) }), (i, _req, reply) => {
    if (i.status === 'reject') {
      state.credits.delete(credentialKey(i.openid, i.templateId));
      state.longTermGrants.delete(credentialKey(i.openid, i.templateId));
    }
    return pushed(reply, () =>
      pushEvent(state, i.openid, 'subscribe_msg_change_event', { TemplateId: i.templateId, SubscribeStatusString: i.status }),
    );
  });
}
