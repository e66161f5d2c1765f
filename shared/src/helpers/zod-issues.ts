import type { z } from 'zod';
import type { FieldIssue } from '../errors';

/** Turns a zod error into `[{path, reason}]`, the `details` of a VALIDATION_FAILED response. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    reason: issue.message,
  }));
}
