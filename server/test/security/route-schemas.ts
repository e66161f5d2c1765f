import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import { ZodPipe } from '../../src/common/pipes/zod-validation.pipe';

/** What a controller route validates its body and query with (the shared zod schemas, through ZodPipe). */
export interface RouteSchemas {
  method: string;
  /** The full path as Fastify has it: `/api/cases/:id/progress`. */
  path: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The handler reads the raw request (multipart uploads) instead of a parsed body. */
  rawRequest: boolean;
}

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/**
 * Reads every controller of the running app (Nest's module container) and, per handler, the zod
 * schema its `@Body(new ZodPipe(schema))` and `@Query(new ZodPipe(schema))` use. The schemas are the
 * very objects the server validates with, so a new route or a changed schema is picked up as is.
 */
export function routeSchemas(app: NestFastifyApplication, globalPrefix = 'api'): RouteSchemas[] {
  const out: RouteSchemas[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const bases = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (paths === undefined || verb === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { pipes?: unknown[] }>;
        const schemaOf = (type: RouteParamtypes) => {
          const entry = Object.entries(args).find(([key]) => Number(key.split(':')[0]) === type)?.[1];
          const pipe = entry?.pipes?.find((p): p is ZodPipe<z.ZodType> => p instanceof ZodPipe);
          return pipe ? (pipe as unknown as { schema: z.ZodType }).schema : undefined;
        };
        const rawRequest = Object.keys(args).some((key) => Number(key.split(':')[0]) === RouteParamtypes.REQUEST);
        for (const base of bases) {
          for (const p of ([] as string[]).concat(paths)) {
            out.push({ method: RequestMethod[verb], path: join(globalPrefix, base, p), body: schemaOf(RouteParamtypes.BODY), query: schemaOf(RouteParamtypes.QUERY), rawRequest });
          }
        }
      }
    }
  }
  return out;
}
