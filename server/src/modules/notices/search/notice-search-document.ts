import type { Notice } from '../notice.entity';
import { plainText } from '../notice-html';
import { indexTerms, normalizeSearchText } from './search-terms';

/** The parts of a notice that search reads. */
export type SearchableNotice = Pick<Notice, 'title' | 'body' | 'basis' | 'timeLimit' | 'publisher' | 'docNo' | 'indexNo' | 'guide'>;

/** Everything but the title: the body as plain text, then the elements (依据, 时限, 主体, 文号, 索引号, 办事指南 fields). */
function otherFields(n: SearchableNotice): string[] {
  const g = n.guide;
  const guide = g ? [g.conditions, ...(g.materials ?? []), ...(g.steps ?? []), g.placeAndTime, g.consultPhone, g.complaintPhone] : [];
  return [plainText(n.body ?? ''), n.basis, n.timeLimit, n.publisher, n.docNo, n.indexNo, ...guide].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
}

/** The index rows of a notice: each term once, flagged when it occurs in the title. */
export function noticeTerms(n: SearchableNotice): Map<string, boolean> {
  const title = indexTerms(n.title ?? '');
  const all = new Set(title);
  for (const f of otherFields(n)) indexTerms(f, all);
  const out = new Map<string, boolean>();
  for (const t of all) out.set(t, title.has(t));
  return out;
}

/**
 * The normalised text a query's words are checked against, one field per line: a word never
 * matches across two fields (nor across lines, since words hold no whitespace).
 */
export function noticeHaystack(n: SearchableNotice): string {
  return normalizeSearchText([n.title ?? '', ...otherFields(n)].join('\n'));
}

/** True when the notice holds every word of the query (words are already normalised). */
export function containsAllWords(n: SearchableNotice, words: string[]): boolean {
  const hay = noticeHaystack(n);
  return words.every((w) => hay.includes(w));
}

/**
 * The cheap first check: the words in the title and the start of the body (plain text of a
 * BODY_HEAD_CHARS prefix, see notice-card.row.ts). True means the notice holds them all (the start
 * of the body is a prefix of the body); false means the whole text must be read to tell.
 */
export function titleOrHeadHoldsAllWords(title: string, bodyHead: string, words: string[]): boolean {
  const hay = normalizeSearchText(`${title}\n${plainText(bodyHead)}`);
  return words.every((w) => hay.includes(w));
}
