import type { PushMessageType } from '@sunboard/shared';

/** One message type's WeChat template: id, one-time or long-term, and data key → what the key shows. */
export interface PushTemplate {
  messageType: PushMessageType;
  templateId: string;
  longTerm: boolean;
  /** Data key → field source (`{thing1: 'title', time2: 'publishedAt'}`, sources in PUSH_FIELD_SOURCES). */
  fields: Record<string, string>;
}

/**
 * The defaults: placeholder ids (`TPL_…`) to be replaced by the ids the WeChat console gives for the
 * chosen public templates (PUSH_TEMPLATES_FILE). Keys follow WeChat's prefixes: thing ≤ 20 characters,
 * time, phrase ≤ 5 Chinese characters. Case progress is long-term (政务民生 mini programs may use
 * long-term templates: one accept, reminders until switched off); the rest are one-time.
 */
export const DEFAULT_PUSH_TEMPLATES: Record<PushMessageType, PushTemplate> = {
  notice_published: {
    messageType: 'notice_published',
    templateId: 'TPL_NOTICE_PUBLISHED',
    longTerm: false,
    fields: { thing1: 'title', time2: 'publishedAt', thing3: 'publisher', phrase4: 'kind' },
  },
  case_progress: {
    messageType: 'case_progress',
    templateId: 'TPL_CASE_PROGRESS',
    longTerm: true,
    fields: { thing1: 'caseType', phrase2: 'step', time3: 'updatedAt', thing4: 'note' },
  },
  consultation_opened: {
    messageType: 'consultation_opened',
    templateId: 'TPL_CONSULTATION_OPENED',
    longTerm: false,
    fields: { thing1: 'title', time2: 'closesAt', thing3: 'region' },
  },
  consultation_closing: {
    messageType: 'consultation_closing',
    templateId: 'TPL_CONSULTATION_CLOSING',
    longTerm: false,
    fields: { thing1: 'title', time2: 'closesAt', thing3: 'region' },
  },
  consultation_result: {
    messageType: 'consultation_result',
    templateId: 'TPL_CONSULTATION_RESULT',
    longTerm: false,
    fields: { thing1: 'title', phrase2: 'adoption', time3: 'concludedAt' },
  },
  rating_reply: {
    messageType: 'rating_reply',
    templateId: 'TPL_RATING_REPLY',
    longTerm: false,
    fields: { thing1: 'target', thing2: 'reply', time3: 'repliedAt', thing4: 'replier' },
  },
  case_overdue: {
    messageType: 'case_overdue',
    templateId: 'TPL_CASE_OVERDUE',
    longTerm: true,
    fields: { thing1: 'caseType', phrase2: 'step', time3: 'dueOn', thing4: 'region', character_string5: 'caseNo' },
  },
  followup_overdue: {
    messageType: 'followup_overdue',
    templateId: 'TPL_FOLLOWUP_OVERDUE',
    longTerm: true,
    fields: { thing1: 'target', phrase2: 'level', time3: 'dueOn', thing4: 'region' },
  },
};
