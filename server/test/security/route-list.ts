import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

/** One route as Fastify registered it: method and the path pattern (`/api/cases/:id`). */
export interface RegisteredRoute {
  method: string;
  path: string;
}

/**
 * Runs `start` (which builds the app) with an `onRoute` hook on every Fastify instance Nest creates,
 * added as the instance is set up — before any plugin, the h5 files, the OpenAPI UI or a controller
 * registers a route — so the list holds every route with its full path, exactly as Fastify took it.
 * (Fastify's `printRoutes` was tried first: it prints a wildcard under a prefix as a bare `*`.)
 */
export async function recordRoutes<T>(start: () => Promise<T>): Promise<{ started: T; routes: RegisteredRoute[] }> {
  const seen = new Map<string, RegisteredRoute>();
  const proto = FastifyAdapter.prototype as unknown as { initHttpServer: (...args: unknown[]) => unknown };
  const original = proto.initHttpServer;
  proto.initHttpServer = function (this: FastifyAdapter, ...args: unknown[]) {
    this.getInstance().addHook('onRoute', (route) => {
      for (const method of ([] as string[]).concat(route.method)) seen.set(`${method} ${route.url}`, { method, path: route.url });
    });
    return original.apply(this, args);
  };
  try {
    const started = await start();
    return { started, routes: [...seen.values()] };
  } finally {
    proto.initHttpServer = original;
  }
}

/** Every recorded route must be one Fastify answers: a check that the recording saw what was really registered. */
export function assertRegistered(app: NestFastifyApplication, routes: RegisteredRoute[]): void {
  const fastify = app.getHttpAdapter().getInstance();
  // CORS registers its preflight as `OPTIONS *`, which the router keeps as `/*`.
  const known = (r: RegisteredRoute) => [r.path, `/${r.path}`].some((url) => fastify.hasRoute({ method: r.method as 'GET', url }));
  const unknown = routes.filter((r) => !known(r));
  if (unknown.length) throw new Error(`recorded routes Fastify does not know: ${unknown.map(routeKey).join(', ')}`);
  if (routes.length < 20) throw new Error(`only ${routes.length} routes recorded; the recorder is broken`);
}

export const routeKey = (r: RegisteredRoute) => `${r.method} ${r.path}`;
