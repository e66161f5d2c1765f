import type { FastifyInstance } from 'fastify';
import type { FakeContext } from '../context';
import { renderPhonePage } from '../phone-page';
import { queryParam } from '../wechat-endpoint';

/** Inline styles only, no scripts: even a rendering bug cannot run injected markup. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

/** GET / and GET /phone?openid=: the demo's "phone" showing delivered messages. */
export function phoneRoutes(app: FastifyInstance, ctx: FakeContext): void {
  const page = (selected: string | undefined) => renderPhonePage(ctx.state.messages, selected);
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('content-security-policy', CSP).send(page(undefined)));
  app.get('/phone', async (req, reply) => {
    const openid = queryParam(req, 'openid');
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .send(page(openid === undefined || openid === '' ? undefined : openid));
  });
}
