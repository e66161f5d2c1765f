import { fitTemplateData, PUSH_MESSAGE_TYPES, type PushMessageType, type PushTemplatesFile, type TemplateInput } from '@sunboard/shared';
import { ConfigError } from '../../config/env.schema';
import { DEFAULT_PUSH_TEMPLATES, type PushTemplate } from './push-template-defaults';
import { mergeTemplates, resolvePushTemplates, type ResolvedTemplates } from './push-templates-file';

export { DEFAULT_PUSH_TEMPLATES, type PushTemplate };

/**
 * The template configuration: DEFAULT_PUSH_TEMPLATES, each overridable in the JSON file named by
 * PUSH_TEMPLATES_FILE (`{"notice_published": {"templateId": "…", "fields": {…}}}`), validated at start
 * (loadConfig). One template id may serve several message types (they then share the resident's
 * credits), but must then be one-time for all of them or long-term for all.
 */
export class PushTemplates {
  private readonly byType: ReadonlyMap<PushMessageType, PushTemplate>;
  private readonly byId: ReadonlyMap<string, PushTemplate>;

  constructor(templates: Record<PushMessageType, PushTemplate> = DEFAULT_PUSH_TEMPLATES) {
    this.byType = new Map(PUSH_MESSAGE_TYPES.map((t) => [t, templates[t]]));
    const byId = new Map<string, PushTemplate>();
    for (const t of PUSH_MESSAGE_TYPES) if (!byId.has(templates[t].templateId)) byId.set(templates[t].templateId, templates[t]);
    this.byId = byId;
  }

  /** The defaults with these overrides (as in the file); ConfigError when they contradict each other. */
  static withOverrides(overrides: PushTemplatesFile): PushTemplates {
    return PushTemplates.from(mergeTemplates(overrides));
  }

  /** Reads and validates PUSH_TEMPLATES_FILE; null: the defaults. Throws ConfigError naming each problem. */
  static load(file: string | null): PushTemplates {
    return PushTemplates.from(resolvePushTemplates(file));
  }

  private static from(resolved: ResolvedTemplates): PushTemplates {
    if (!resolved.ok) throw new ConfigError(`Invalid settings:\n${resolved.problems}`);
    return new PushTemplates(resolved.templates);
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
