import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FakeContext } from '../context';
import { ENDPOINTS } from '../state';
import { testRoute } from './test-route';

const endpoint = z.enum(ENDPOINTS);
const fault = z.union([z.number().int(), z.literal('http500'), z.literal('timeout')]);

/** Token expiry, fault injection, latency, the clock, reset and stats. */
export function testControlRoutes(app: FastifyInstance, ctx: FakeContext): void {
  const { state } = ctx;

  testRoute(app, 'POST', '/__test/expire-token', z.object({}), () => {
    const now = state.now();
    const expired: string[] = [];
    for (const kind of ['stable', 'classic'] as const) {
      const issued = state.latestToken[kind] ? state.tokens.get(state.latestToken[kind]) : undefined;
      if (issued && issued.expiresAtMs > now) {
        issued.expiresAtMs = now;
        expired.push(kind);
      }
    }
    return { expired };
  });

  /** Replaces the endpoint's queue: its next N calls answer these, in order. `errors: []` clears it. */
  testRoute(app, 'POST', '/__test/faults', z.object({ endpoint, errors: z.array(fault).max(1000) }), (i) => {
    if (i.errors.length) state.faults.set(i.endpoint, [...i.errors]);
    else state.faults.delete(i.endpoint);
    return { endpoint: i.endpoint, queued: state.faults.get(i.endpoint) ?? [] };
  });
  testRoute(app, 'DELETE', '/__test/faults', z.object({}), () => {
    state.faults.clear();
    return { cleared: true };
  });

  testRoute(app, 'POST', '/__test/latency', z.object({ ms: z.coerce.number().int().min(0).max(120_000), endpoint: endpoint.optional() }), (i) => {
    if (i.endpoint) state.latencyMs.byEndpoint.set(i.endpoint, i.ms);
    else state.latencyMs.all = i.ms;
    return { all: state.latencyMs.all, byEndpoint: Object.fromEntries(state.latencyMs.byEndpoint) };
  });

  /** Moves the fake's clock forward: codes and tokens expire without waiting. */
  testRoute(app, 'POST', '/__test/clock', z.object({ advanceSeconds: z.coerce.number().min(0).max(366 * 24 * 3600) }), (i) => {
    state.clockOffsetMs += i.advanceSeconds * 1000;
    return { offsetMs: state.clockOffsetMs, now: new Date(state.now()).toISOString() };
  });

  testRoute(app, 'POST', '/__test/callback', z.object({ url: z.url(), token: z.string().min(1).optional() }), (i) => {
    state.callback = { url: i.url, token: i.token ?? state.callback.token };
    return { url: state.callback.url };
  });

  testRoute(app, 'POST', '/__test/reset', z.object({}), () => {
    state.reset();
    return { reset: true };
  });

  testRoute(app, 'GET', '/__test/stats', z.object({}), () => ({
    endpoints: state.stats,
    tokensIssued: state.tokensIssued,
    messagesDelivered: state.messages.length,
  }));
}
