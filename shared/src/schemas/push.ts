import { z } from 'zod';
import { TEMPLATE_KEY_PATTERN } from '../helpers/template-values';
import { idSchema } from './common';

/** The messages Sunboard sends as WeChat subscribe messages (one template each). */
export const PUSH_MESSAGE_TYPES = [
  'notice_published',
  'case_progress',
  'consultation_opened',
  'consultation_closing',
  'consultation_result',
  'rating_reply',
  'case_overdue',
  'followup_overdue',
] as const;
export type PushMessageType = (typeof PUSH_MESSAGE_TYPES)[number];

export const PUSH_MESSAGE_TYPE_LABELS: Record<PushMessageType, string> = {
  notice_published: '新公告提醒',
  case_progress: '办件进度提醒',
  consultation_opened: '征求意见开始提醒',
  consultation_closing: '征求意见即将截止提醒',
  consultation_result: '意见采纳结果通知',
  rating_reply: '评价回复通知',
  case_overdue: '办件超期提醒',
  followup_overdue: '差评回访超期提醒',
};

/**
 * What a template's fields may show, per message type: the template configuration maps each data
 * key to one of these (`{thing1: 'title', time2: 'publishedAt'}`); the sender supplies the values and
 * the shared fitter makes each valid for its key.
 */
export const PUSH_FIELD_SOURCES = {
  notice_published: ['title', 'publishedAt', 'region', 'publisher', 'kind', 'domain'],
  case_progress: ['caseType', 'step', 'updatedAt', 'note', 'region', 'caseNo'],
  consultation_opened: ['title', 'opensAt', 'closesAt', 'region'],
  consultation_closing: ['title', 'closesAt', 'region'],
  consultation_result: ['title', 'concludedAt', 'adoption', 'region'],
  rating_reply: ['target', 'repliedAt', 'reply', 'replier'],
  case_overdue: ['caseType', 'step', 'dueOn', 'region', 'caseNo'],
  followup_overdue: ['target', 'level', 'dueOn', 'region'],
} as const satisfies Record<PushMessageType, readonly string[]>;
export type PushFieldSource<T extends PushMessageType = PushMessageType> = (typeof PUSH_FIELD_SOURCES)[T][number];

/** A WeChat template id as the console shows it (letters, digits, '-' and '_'). */
export const templateIdSchema = z
  .string({ message: '模板 ID 必须是文字' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: '模板 ID 只能包含字母、数字、- 和 _，最多 64 个字符' });

/** One message type's override: any of the three parts; field sources limited to what the type offers. */
function templateOverride<T extends PushMessageType>(type: T) {
  const sources = PUSH_FIELD_SOURCES[type] as unknown as readonly [string, ...string[]];
  return z
    .object({
      templateId: templateIdSchema.optional(),
      longTerm: z.boolean({ message: 'longTerm 必须是 true 或 false' }).optional(),
      fields: z
        .record(
          z.string().regex(TEMPLATE_KEY_PATTERN, { message: '字段名必须是 thing1、time2、phrase3 这样的微信模板字段' }),
          z.enum(sources, { message: `只能是 ${sources.join('、')} 之一` }),
        )
        .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 10, { message: '模板至少 1 个、至多 10 个字段' })
        .optional(),
    })
    .strict()
    .optional();
}

/**
 * The PUSH_TEMPLATES_FILE: per message type, the parts of the default that change
 * (`{"notice_published": {"templateId": "AbC…"}}`). Every field source must be one the message type offers.
 */
export const pushTemplatesFileSchema = z
  .object({
    notice_published: templateOverride('notice_published'),
    case_progress: templateOverride('case_progress'),
    consultation_opened: templateOverride('consultation_opened'),
    consultation_closing: templateOverride('consultation_closing'),
    consultation_result: templateOverride('consultation_result'),
    rating_reply: templateOverride('rating_reply'),
    case_overdue: templateOverride('case_overdue'),
    followup_overdue: templateOverride('followup_overdue'),
  })
  .strict();
export type PushTemplatesFile = z.infer<typeof pushTemplatesFileSchema>;

/** `GET /api/push/templates`: what the app passes to requestSubscribeMessage (≤ 3 ids, never mixing one-time and long-term). */
export interface PushTemplateDto {
  messageType: PushMessageType;
  label: string;
  templateId: string;
  longTerm: boolean;
}

/** The result requestSubscribeMessage gives per template id. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];

/** `POST /api/subscriptions/credits`: the app reports requestSubscribeMessage's result map. */
export const reportCreditsSchema = z
  .object({
    results: z
      .record(templateIdSchema, z.enum(SUBSCRIBE_RESULTS, { message: '结果必须是 accept、reject、ban 或 filter' }), {
        message: 'results 必须是 {模板ID: 结果} 的对象',
      })
      .refine((r) => Object.keys(r).length >= 1, { message: '至少要有一个模板的结果' })
      .refine((r) => Object.keys(r).length <= 20, { message: '一次最多报告 20 个模板' }),
  })
  .strict();
export type ReportCreditsInput = z.infer<typeof reportCreditsSchema>;

/** One message type's reminders left for the caller: the app says 还可提醒 N 次. */
export interface PushCreditDto {
  messageType: PushMessageType;
  label: string;
  templateId: string;
  longTerm: boolean;
  /** One-time credits left (0 for a long-term template: it needs none). */
  remaining: number;
  /** Long-term templates: the resident accepted (reminders until switched off). */
  accepted: boolean;
  /** The resident turned this template off (ban, or switched it off in WeChat's settings). */
  switchedOff: boolean;
}

/** `GET /api/push/figures?noticeId=` or `?regionId=&from=&to=`. */
export const pushFiguresQuerySchema = z
  .object({
    noticeId: idSchema.optional(),
    regionId: idSchema.optional(),
    from: z.iso.datetime({ offset: true, message: 'from 必须是带时区的 ISO 8601 时间' }).optional(),
    to: z.iso.datetime({ offset: true, message: 'to 必须是带时区的 ISO 8601 时间' }).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if ((q.noticeId === undefined) === (q.regionId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['noticeId'], message: '请给出 noticeId，或 regionId（可加 from、to）其中之一' });
    }
    if (q.noticeId !== undefined && (q.from !== undefined || q.to !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: '按公告统计时不能再给时间范围' });
    }
    if (q.from && q.to && new Date(q.from) >= new Date(q.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to 必须晚于 from' });
    }
  });
export type PushFiguresQuery = z.infer<typeof pushFiguresQuerySchema>;

/**
 * Delivery figures. `targeted`: messages written (one per resident and message); `queued` includes
 * those being sent right now; `refused`: WeChat had no credit for the resident (43101) or the resident
 * switched the template off — they still have the message in the app; `read`: targeted residents who
 * opened the notice (its `notice_read` row), whether from the push, the message centre or the feed.
 */
export interface PushFiguresDto {
  noticeId: number | null;
  regionId: number | null;
  from: string | null;
  to: string | null;
  targeted: number;
  queued: number;
  sent: number;
  refused: number;
  failed: number;
  read: number;
}
