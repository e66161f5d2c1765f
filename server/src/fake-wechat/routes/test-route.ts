import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { MALFORMED_BODY } from '../wechat-endpoint';

type Method = 'GET' | 'POST' | 'DELETE';

/**
 * A JSON test route under /__test/. Input is the query string merged with the JSON body; a bad
 * input answers 400 `{error, issues}` (these routes are ours, not WeChat's, so plain HTTP codes).
 */
export function testRoute<S extends z.ZodType>(
  app: FastifyInstance,
  method: Method,
  url: string,
  schema: S,
  handle: (input: z.output<S>, req: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  app.route({
    method,
    url,
    handler: async (req, reply) => {
      if (req.body === MALFORMED_BODY) return reply.code(400).send({ error: 'body is not JSON' });
      const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
      const parsed = schema.safeParse({ ...(req.query as object), ...body });
      if (!parsed.success) {
        return reply.code(400).send({ error: 'invalid input', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      }
      return handle(parsed.data, req, reply);
    },
  });
}
