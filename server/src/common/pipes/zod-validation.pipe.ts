import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { toFieldIssues } from '@sunboard/shared';

/**
 * Validates a body, query or param with a shared zod schema: `@Body(new ZodPipe(schema))`.
 * A failure is a 400 VALIDATION_FAILED whose details name every bad field and why.
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  /** `field`: for a single value (a path parameter), the name its issues carry. */
  constructor(
    private readonly schema: S,
    private readonly field?: string,
  ) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? (this.field ? value : {}));
    if (!result.success) {
      const issues = toFieldIssues(result.error);
      const field = this.field;
      throw new AppError('VALIDATION_FAILED', undefined, field ? issues.map((i) => ({ ...i, path: i.path && i.path !== '(body)' ? `${field}.${i.path}` : field })) : issues);
    }
    return result.data;
  }
}

/** `@Param('id', IdPipe)`: a positive integer id, or 400 naming the parameter. */
export class IdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > 2147483647) throw AppError.field('id', '必须是正整数编号');
    return n;
  }
}
