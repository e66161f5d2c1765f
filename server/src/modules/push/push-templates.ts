import { readFileSync } from 'node:fs';
import {
  PUSH_MESSAGE_TYPES,
  type PushMessageType,
  type PushTemplatesFile,
  pushTemplatesFileSchema,
  type TemplateInput,
  fitTemplateData,
  toFieldIssues,
} from '@sunboard/shared';
import { ConfigError } from '../../config/env.schema';

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
};

/**
 * The template configuration: the defaults above, each overridable in the JSON file named by
 * PUSH_TEMPLATES_FILE (`{"notice_published": {"templateId": "…", "fields": {…}}}`), validated at start.
 * One template id may serve several message types (they then share the resident's credits), but
 * must then be one-time for all of them or long-term for all.
 */
export class PushTemplates {
  private readonly byType: ReadonlyMap<PushMessageType, PushTemplate>;
  private readonly byId: ReadonlyMap<string, PushTemplate>;

  constructor(overrides: PushTemplatesFile = {}) {
    const byType = new Map<PushMessageType, PushTemplate>();
    const byId = new Map<string, PushTemplate>();
    const clashes: string[] = [];
    for (const type of PUSH_MESSAGE_TYPES) {
      const o = overrides[type] ?? {};
      const t: PushTemplate = {
        ...DEFAULT_PUSH_TEMPLATES[type],
        ...(o.templateId !== undefined ? { templateId: o.templateId } : {}),
        ...(o.longTerm !== undefined ? { longTerm: o.longTerm } : {}),
        ...(o.fields !== undefined ? { fields: { ...o.fields } } : {}),
      };
      byType.set(type, Object.freeze(t));
      const seen = byId.get(t.templateId);
      if (seen && seen.longTerm !== t.longTerm) clashes.push(`  ${type}.longTerm: 模板 ${t.templateId} 也用于 ${seen.messageType}，两处的 longTerm 必须一致`);
      if (!seen) byId.set(t.templateId, t);
    }
    if (clashes.length) throw new ConfigError(`Invalid push templates:\n${clashes.join('\n')}`);
    this.byType = byType;
    this.byId = byId;
  }

  /** Reads and validates PUSH_TEMPLATES_FILE; null: the defaults. Throws ConfigError naming each problem. */
  static load(file: string | null): PushTemplates {
    if (!file) return new PushTemplates();
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`Invalid settings:\n  PUSH_TEMPLATES_FILE: cannot read ${file} as JSON (${(err as Error).message})`);
    }
    const parsed = pushTemplatesFileSchema.safeParse(json);
    if (!parsed.success) {
      const lines = toFieldIssues(parsed.error).map((i) => `  ${i.path}: ${i.reason}`);
      throw new ConfigError(`Invalid settings:\n  PUSH_TEMPLATES_FILE (${file}):\n${lines.join('\n')}`);
    }
    return new PushTemplates(parsed.data);
  }

  get(messageType: PushMessageType): PushTemplate {
    const t = this.byType.get(messageType);
    if (!t) throw new TypeError(`unknown message type: ${messageType}`);
    return t;
  }

  /** The (first) template with this id, or null when no message type uses it. */
  byTemplateId(templateId: string): PushTemplate | null {
    return this.byId.get(templateId) ?? null;
  }

  all(): PushTemplate[] {
    return PUSH_MESSAGE_TYPES.map((t) => this.get(t));
  }

  /** The fitted data of a message: each configured key gets its source's value, fitted to the key's rule. */
  data(messageType: PushMessageType, values: Partial<Record<string, TemplateInput>>): Record<string, string> {
    const { fields } = this.get(messageType);
    return fitTemplateData(Object.fromEntries(Object.entries(fields).map(([key, source]) => [key, values[source]])));
  }
}
