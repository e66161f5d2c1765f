/** Search words and the pieces of a text that match them, for highlighting search results. */
export interface TextSegment {
  text: string;
  hit: boolean;
}

/** The words of a query: split on spaces and punctuation, de-duplicated, longest first. */
export function searchTerms(query: string): string[] {
  const words = query
    .split(/[\s,，。、;；:：!！?？"“”'‘’()（）【】《》<>]+/u)
    .map((w) => w.trim())
    .filter(Boolean);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words) {
    const key = w.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out.sort((a, b) => b.length - a.length);
}

/**
 * `text` cut into consecutive segments, the ones matching a term (case-insensitive) marked `hit`.
 * Overlapping matches prefer the longer term; adjacent hits are merged.
 */
export function highlightSegments(text: string, terms: readonly string[]): TextSegment[] {
  if (!text) return [];
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    const t = term.toLowerCase();
    if (!t) continue;
    let from = 0;
    for (;;) {
      const at = lower.indexOf(t, from);
      if (at < 0) break;
      for (let i = at; i < at + t.length; i++) marks[i] = true;
      from = at + t.length;
    }
  }
  const out: TextSegment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1];
    if (last && last.hit === marks[i]) last.text += text[i];
    else out.push({ text: text[i], hit: marks[i] });
  }
  return out;
}

/** True when any term occurs in the text. */
export function containsAnyTerm(text: string, terms: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return terms.some((t) => t && lower.includes(t.toLowerCase()));
}
