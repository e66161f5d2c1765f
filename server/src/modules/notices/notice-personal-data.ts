import { findPersonalData, maskAs, PERSONAL_DATA_LABELS, type PersonalDataKind } from '@sunboard/shared';
import type { NoticeContent } from './notice-content';

/** Kinds that block submitting: ID numbers and mobile numbers (a collective's 对公账户 may be published). */
const BLOCKING: readonly PersonalDataKind[] = ['id_number', 'phone'];

/** One unmasked number found in a notice, as the API reports it (never the number itself). */
export interface PersonalDataIssue {
  /** The field: `body`, `title`, `guide.materials.2`, … */
  path: string;
  reason: string;
  kind: PersonalDataKind;
  /** Offset in the field's text (UTF-16 code units, as JavaScript strings count) and length of the number. */
  index: number;
  length: number;
  /** A few characters around it, with the number masked, to help find it. */
  excerpt: string;
}

const CONTEXT = 10;

/** The text with every finding masked in place, keeping each one's length so offsets still match. */
function maskInPlace(text: string, found: ReturnType<typeof findPersonalData>): string {
  let out = '';
  let at = 0;
  for (const m of found) {
    const masked = maskAs(m.kind, m.value).slice(0, m.value.length).padEnd(m.value.length, '*');
    out += text.slice(at, m.index) + masked;
    at = m.index + m.value.length;
  }
  return out + text.slice(at);
}

/** Text of `masked` between `start` and `end` without markup (tags cut by the window dropped too). */
function excerptOf(original: string, masked: string, start: number, end: number): string {
  let s = masked.slice(start, end);
  if (original.lastIndexOf('<', start - 1) > original.lastIndexOf('>', start - 1)) s = s.replace(/^[^<]*?>/, '');
  return s.replace(/<[^>]*>/g, '').replace(/<[^>]*$/, '');
}

/**
 * The text fields staff write, by path. The guide's 咨询电话 and 监督举报电话 are left out: they are
 * contact numbers meant to be published.
 */
function textFields(c: NoticeContent): Array<[string, string]> {
  const fields: Array<[string, string | null]> = [
    ['title', c.title],
    ['body', c.body],
    ['basis', c.basis],
    ['timeLimit', c.timeLimit],
    ['publisher', c.publisher],
    ['docNo', c.docNo],
    ['indexNo', c.indexNo],
  ];
  if (c.guide) {
    fields.push(['guide.conditions', c.guide.conditions], ['guide.placeAndTime', c.guide.placeAndTime]);
    c.guide.materials.forEach((m, i) => fields.push([`guide.materials.${i}`, m]));
    c.guide.steps.forEach((s, i) => fields.push([`guide.steps.${i}`, s]));
  }
  return fields.filter((f): f is [string, string] => typeof f[1] === 'string' && f[1].length > 0);
}

/** Every unmasked ID or mobile number in the notice's text, naming the field and where it is. */
export function findNoticePersonalData(c: NoticeContent): PersonalDataIssue[] {
  const issues: PersonalDataIssue[] = [];
  for (const [path, text] of textFields(c)) {
    const found = findPersonalData(text);
    const masked = maskInPlace(text, found);
    for (const m of found) {
      if (!BLOCKING.includes(m.kind)) continue;
      const end = m.index + m.value.length;
      issues.push({
        path,
        reason: `第 ${m.index + 1} 个字符起有未打码的${PERSONAL_DATA_LABELS[m.kind]}（${maskAs(m.kind, m.value)}），请打码后再提交`,
        kind: m.kind,
        index: m.index,
        length: m.value.length,
        excerpt: excerptOf(text, masked, Math.max(0, m.index - CONTEXT), end + CONTEXT),
      });
    }
  }
  return issues;
}
