import sanitizeHtml from 'sanitize-html';

/**
 * HTML handling for notice bodies. `sanitizeNoticeHtml` is the one allowlist: the write path should
 * store its output, and the read path applies it again before a body leaves the server, so nothing
 * stored (an old row, a hand-edited one) reaches a resident's screen as script or markup beyond
 * these tags. `plainText`/`summarize` turn a body into the feed card's text.
 */

/** Tags a notice body may use; all attributes are dropped (no links, images or styles in the body: attachments are separate). */
export const NOTICE_BODY_TAGS = ['p', 'br', 'strong', 'b', 'em', 'ol', 'ul', 'li', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: NOTICE_BODY_TAGS,
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};

/** The body reduced to NOTICE_BODY_TAGS without attributes; text escaped; script/style contents dropped. */
export function sanitizeNoticeHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Elements whose content is not text (dropped along with their tags when making plain text). */
const DROPPED_WITH_CONTENT = /<(script|style|iframe|object|template|noscript|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<!--[\s\S]*?-->|<![^>]*>|<\?[^>]*>/g;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** `&amp;` → `&`, `&#20013;` → `中`; unknown entities stay as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8}|#39);/g, (whole, name: string) => {
    if (name[0] === '#' && name !== '#39') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The body as plain text: block ends become spaces, tags dropped, entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  return decodeEntities(
    html
      .replace(DROPPED_WITH_CONTENT, '')
      .replace(/<\/(p|li|h3|h4|tr|td|th)\s*>|<br\s*\/?>/gi, ' ')
      .replace(TAG, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** A short first paragraph ending in a colon (but not 如下：) is an addressee line (各位居民朋友：), not content. */
const ADDRESSEE = /^(?!.*如下[：:]$)[^。！？!?]{1,60}[：:]$/;

/**
 * The card summary: the first `max` characters (code points) of the plain text, with `…` when cut,
 * skipping a leading addressee line so the card shows what the notice is about.
 */
export function summarize(html: string, max = 80): string {
  const paragraphs = html
    .split(/<\/(?:p|li|h3|h4|tr)\s*>|<br\s*\/?>/i)
    .map(plainText)
    .filter(Boolean);
  if (paragraphs.length > 1 && ADDRESSEE.test(paragraphs[0])) paragraphs.shift();
  const chars = [...paragraphs.join(' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}
