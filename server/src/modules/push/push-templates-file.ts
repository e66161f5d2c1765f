import { readFileSync } from 'node:fs';
import { PUSH_MESSAGE_TYPES, type PushMessageType, type PushTemplatesFile, pushTemplatesFileSchema, toFieldIssues } from '@sunboard/shared';
import { DEFAULT_PUSH_TEMPLATES, type PushTemplate } from './push-template-defaults';

export type ResolvedTemplates = { ok: true; templates: Record<PushMessageType, PushTemplate> } | { ok: false; problems: string };

/** The defaults with a file's overrides applied; a template id shared by several types must agree on longTerm. */
export function mergeTemplates(overrides: PushTemplatesFile): ResolvedTemplates {
  const out = {} as Record<PushMessageType, PushTemplate>;
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
    out[type] = Object.freeze(t);
    const seen = byId.get(t.templateId);
    if (seen && seen.longTerm !== t.longTerm) {
      clashes.push(`    ${type}.longTerm: 模板 ${t.templateId} 也用于 ${seen.messageType}，两处的 longTerm 必须一致`);
    }
    if (!seen) byId.set(t.templateId, t);
  }
  return clashes.length ? { ok: false, problems: `  PUSH_TEMPLATES_FILE:\n${clashes.join('\n')}` } : { ok: true, templates: out };
}

/**
 * Reads, validates and merges PUSH_TEMPLATES_FILE (null: the defaults). Problems come back as lines
 * naming each bad entry (`    notice_published.fields.thing2: …`). Used by loadConfig — so a bad file
 * stops the server before anything starts, like any bad setting — and by PushTemplates.
 */
export function resolvePushTemplates(file: string | null): ResolvedTemplates {
  if (!file) return mergeTemplates({});
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { ok: false, problems: `  PUSH_TEMPLATES_FILE: cannot read ${file} as JSON (${(err as Error).message})` };
  }
  const parsed = pushTemplatesFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = toFieldIssues(parsed.error).map((i) => `    ${i.path}: ${i.reason}`);
    return { ok: false, problems: `  PUSH_TEMPLATES_FILE (${file}):\n${lines.join('\n')}` };
  }
  return mergeTemplates(parsed.data);
}
