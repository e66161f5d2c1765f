/**
 * How Chinese (and the odd Latin word or number) becomes search terms — the one tokeniser used both
 * to index a notice and to read a query, so the two always agree.
 *
 * Text is first normalised: NFKC (full-width ＡＢＣ１２３ → ABC123, compatibility ideographs → the
 * unified ones) and lower case. Then it splits into runs:
 * - a run of Han characters gives every character (unigram) and every adjacent pair (bigram):
 *   低保对象 → 低 保 对 象 低保 保对 对象. Unigrams are what lets a one-character query (水) use the
 *   index too; a prefix strategy over bigrams would have to merge hundreds of posting lists for a
 *   common character, and would miss a character at the end of a run.
 * - a run of other letters and digits is one token (2026, abc123), cut to MAX_TERM_LENGTH.
 * Anything else (punctuation, spaces, symbols like % or 〔〕) separates runs and is not searchable
 * on its own.
 *
 * A query is split at whitespace into words; a notice matches when it holds every word. Each word
 * becomes the terms that pin it down: the bigrams of a Han run (its unigram when the run is one
 * character) and its Latin/digit tokens. Whole tokens match whole tokens (202 does not find 2026);
 * Han text matches anywhere (低保 finds 城乡低保对象).
 */

/** Terms are stored in a varchar(32) column. */
export const MAX_TERM_LENGTH = 32;

const HAN = /\p{Script=Han}/u;
/** Han runs, or runs of other letters/digits. */
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** NFKC + lower case: the form both the index and the phrase check compare. */
export function normalizeSearchText(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

function runs(normalized: string): string[] {
  return normalized.match(RUN) ?? [];
}

function token(run: string): string {
  const chars = [...run];
  return chars.length > MAX_TERM_LENGTH ? chars.slice(0, MAX_TERM_LENGTH).join('') : run;
}

/** Every term of a text for the index: Han unigrams and bigrams, whole Latin/digit tokens. */
export function indexTerms(text: string, into: Set<string> = new Set()): Set<string> {
  for (const run of runs(normalizeSearchText(text))) {
    if (!HAN.test(run[0])) {
      into.add(token(run));
      continue;
    }
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      into.add(chars[i]);
      if (i + 1 < chars.length) into.add(chars[i] + chars[i + 1]);
    }
  }
  return into;
}

export interface SearchQuery {
  /** The normalised words a notice must all contain (each checked as a substring of its text). */
  words: string[];
  /** The distinct index terms of all words; empty when the query has nothing searchable. */
  terms: string[];
  /** True when the index alone decides a match: one word that is exactly one term (低保, 水, 2026). */
  exactByIndex: boolean;
}

/** The terms a query word needs: bigrams of its Han runs (the unigram for a one-character run) and its tokens. */
function wordTerms(word: string): string[] {
  const out: string[] = [];
  for (const run of runs(word)) {
    if (!HAN.test(run[0])) {
      out.push(token(run));
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}

/** A query as words and terms. Words with nothing searchable in them (only punctuation) are dropped. */
export function parseSearchQuery(q: string): SearchQuery {
  const words: string[] = [];
  const terms = new Set<string>();
  for (const raw of normalizeSearchText(q).split(/\s+/)) {
    if (!raw) continue;
    const t = wordTerms(raw);
    if (!t.length) continue;
    words.push(raw);
    for (const x of t) terms.add(x);
  }
  const list = [...terms];
  const exactByIndex = words.length === 1 && list.length === 1 && list[0] === words[0];
  return { words: [...new Set(words)], terms: list, exactByIndex };
}
