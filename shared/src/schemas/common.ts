import { z } from 'zod';
import { findPersonalData, PERSONAL_DATA_LABELS } from '../helpers/personal-data';

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

/**
 * Whether text a resident or staff member writes for others to read (a comment, a reply, a rating's
 * comment) carries an unmasked ID, mobile or bank number: such text is refused, naming what was found,
 * so nobody publishes their own or a neighbour's number by mistake (the app says so before sending).
 */
export function personalDataIssue(text: string, label: string): string | null {
  const hit = findPersonalData(text)[0];
  return hit ? `${label}中含有${PERSONAL_DATA_LABELS[hit.kind]}，为保护个人信息，请删去后再提交` : null;
}

/** A refinement for a text field: refused when `personalDataIssue` finds a number. */
export function refuseUnmaskedPersonalData(label: string) {
  return (s: string | undefined, ctx: z.RefinementCtx) => {
    const issue = s ? personalDataIssue(s, label) : null;
    if (issue) ctx.addIssue({ code: 'custom', message: issue });
  };
}
