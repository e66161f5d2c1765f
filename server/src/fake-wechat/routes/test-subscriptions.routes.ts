import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FakeContext } from '../context';
import { credentialKey } from '../state';
import { testRoute } from './test-route';

const openid = z.string().min(1).max(128);
const templateId = z.string().min(1).max(128);

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-max-age': '600',
};

/** The routes the h5 demo calls from the browser: login codes, and the credits its 订阅提醒 grants. */
const BROWSER_ROUTES = ['/__test/login-code', '/__test/credits', '/__test/long-term-grant'];

/**
 * Login codes, one-time credits and long-term templates. POST /__test/login-code is also how the
 * h5 build logs in from the browser, and the h5 demo grants credits here, so those answer CORS
 * (including the preflight) for any origin.
 */
export function testSubscriptionRoutes(app: FastifyInstance, ctx: FakeContext): void {
  const { state } = ctx;

  for (const path of BROWSER_ROUTES) {
    app.options(path, async (req, reply) => {
      const asked = req.headers['access-control-request-headers'];
      return reply
        .code(204)
        .headers({ ...CORS, 'access-control-allow-headers': typeof asked === 'string' ? asked : 'content-type' })
        .send();
    });
  }
  /** `ttlSeconds` overrides the code's lifetime (0: already expired), for expiry tests across processes. */
  testRoute(
    app,
    'POST',
    '/__test/login-code',
    z.object({ openid, unionid: z.string().min(1).max(128).optional(), ttlSeconds: z.coerce.number().int().min(0).max(86_400).optional() }),
    (input, _req, reply) => {
      reply.headers(CORS);
      return { code: state.issueCode(input.openid, input.unionid, input.ttlSeconds) };
    },
  );

  const status = (o: string, t: string) => ({
    openid: o,
    templateId: t,
    credits: state.credits.get(credentialKey(o, t)) ?? 0,
    longTerm: state.longTermTemplates.has(t),
    longTermGranted: state.longTermGrants.has(credentialKey(o, t)),
  });

  testRoute(app, 'GET', '/__test/credits', z.object({ openid, templateId }), (i) => status(i.openid, i.templateId));
  testRoute(
    app,
    'POST',
    '/__test/credits',
    z.object({ openid, templateId, count: z.coerce.number().int().min(1).max(10_000).default(1) }),
    (i, _req, reply) => {
      reply.headers(CORS);
      const key = credentialKey(i.openid, i.templateId);
      state.credits.set(key, (state.credits.get(key) ?? 0) + i.count);
      return status(i.openid, i.templateId);
    },
  );
  testRoute(app, 'DELETE', '/__test/credits', z.object({ openid, templateId }), (i) => {
    state.credits.delete(credentialKey(i.openid, i.templateId));
    state.longTermGrants.delete(credentialKey(i.openid, i.templateId));
    return status(i.openid, i.templateId);
  });
  testRoute(app, 'POST', '/__test/long-term', z.object({ templateId }), (i) => {
    state.longTermTemplates.add(i.templateId);
    return { templateId: i.templateId, longTerm: true };
  });
  testRoute(app, 'POST', '/__test/long-term-grant', z.object({ openid, templateId }), (i, _req, reply) => {
    reply.headers(CORS);
    state.longTermTemplates.add(i.templateId);
    state.longTermGrants.add(credentialKey(i.openid, i.templateId));
    return status(i.openid, i.templateId);
  });
}
