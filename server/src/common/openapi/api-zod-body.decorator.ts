import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';

/** Documents a request body in OpenAPI from the same shared zod schema the pipe validates with. */
export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete jsonSchema.$schema;
  return ApiBody({ schema: jsonSchema as never });
}
