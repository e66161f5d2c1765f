import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The response headers helmet would set for `options`, computed once. `@fastify/helmet` builds a
 * new helmet middleware — parsing the CSP directives again — on every request; the headers depend
 * on the options only, so the app computes them at start and sets them from an onRequest hook.
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  let done = false;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    failure = err;
    done = true;
  });
  if (failure) throw failure;
  if (!done) throw new Error('helmet did not finish synchronously');
  return Object.freeze(headers);
}
