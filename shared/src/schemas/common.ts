import { z } from 'zod';

/** A positive integer id, accepting the string form query strings and path params carry. */
export const idSchema = z.coerce
  .number({ message: '必须是数字编号' })
  .int({ message: '必须是整数' })
  .positive({ message: '必须大于 0' })
  .max(2147483647, { message: '编号过大' });

/** Trimmed, non-empty text of at most `max` characters (counted as Unicode code points). */
export function text(max: number, label = '内容') {
  return z
    .string({ message: `${label}必须是文字` })
    .trim()
    .min(1, { message: `${label}不能为空` })
    .refine((s) => [...s].length <= max, { message: `${label}不能超过 ${max} 个字` });
}

/** Query-string boolean: accepts true/false/1/0. */
export const queryBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const cursorQuerySchema = z.object({
  cursor: z.string().max(512, { message: '游标无效' }).optional(),
  limit: z.coerce.number().int().min(1, { message: '至少 1 条' }).max(50, { message: '每页最多 50 条' }).default(20),
});
export type CursorQuery = z.infer<typeof cursorQuerySchema>;

/** A page of a list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
