/**
 * Fitting values to WeChat subscribe-message rules (wechat-api.md, "Value rules by key prefix").
 * `fitTemplateValue(key, value)` turns anything into a value WeChat accepts for the key's prefix
 * (`thing1` → thing, `character_string12` → character_string): never empty, never over the limit,
 * never made invalid by an appended '…'.
 *
 * Counting: WeChat counts characters as Unicode code points. The fitter is stricter: it keeps every
 * limited value within the limit in UTF-16 code units too (which is never more than the code
 * points), so a value is valid whichever way it is counted, and never leaves a lone surrogate.
 * Cuts fall on grapheme boundaries where the runtime has `Intl.Segmenter` (an emoji or a letter with
 * its accents is kept whole or dropped whole), else on code points.
 *
 * Placeholders for values with nothing usable left: thing/name/phrase/car_number '无', symbol and
 * character_string '-', letter 'NA', number and phone_number '0', amount '¥0', time '00:00',
 * date '1970年1月1日'. Callers pass real values (and Date objects for times); placeholders only keep
 * a bad value from failing the whole message with 47003.
 */

export const TEMPLATE_KEY_PREFIXES = [
  'character_string',
  'phone_number',
  'car_number',
  'thing',
  'number',
  'letter',
  'symbol',
  'time',
  'date',
  'amount',
  'name',
  'phrase',
] as const;
export type TemplateKeyPrefix = (typeof TEMPLATE_KEY_PREFIXES)[number];

/** A data key: a known prefix followed by its index number (`thing1`, `time12`). */
export const TEMPLATE_KEY_PATTERN = new RegExp(`^(${TEMPLATE_KEY_PREFIXES.join('|')})([1-9]\\d{0,2})$`);

/** The prefix of a data key, or null when WeChat knows no such key. */
export function templateKeyPrefix(key: string): TemplateKeyPrefix | null {
  const m = TEMPLATE_KEY_PATTERN.exec(key);
  return m ? (m[1] as TemplateKeyPrefix) : null;
}

export type TemplateInput = string | number | Date | null | undefined;

const ELLIPSIS = '…';
const SHANGHAI_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai: UTC+8 all year (no daylight saving since 1991)

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026年11月24日 15:01` in Asia/Shanghai, the form WeChat's time fields show. */
export function formatTemplateTime(d: Date): string {
  const s = new Date(d.getTime() + SHANGHAI_OFFSET_MS);
  return `${formatTemplateDate(d)} ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
}

/** `2026年11月24日` in Asia/Shanghai. */
export function formatTemplateDate(d: Date): string {
  const s = new Date(d.getTime() + SHANGHAI_OFFSET_MS);
  return `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日`;
}

/** Code points of a string (a lone surrogate counts as one). */
const codePoints = (s: string): string[] => Array.from(s);

/** Lone surrogates, control characters and invisible format characters (except the emoji joiner). */
function clean(raw: string): string {
  let out = '';
  for (const cp of codePoints(raw)) {
    const c = cp.codePointAt(0)!;
    if (cp.length === 1 && c >= 0xd800 && c <= 0xdfff) continue; // lone surrogate
    if (/\p{Cc}/u.test(cp)) {
      out += ' ';
      continue;
    }
    if (/\p{Cf}/u.test(cp) && c !== 0x200d) continue;
    out += cp;
  }
  return out.replace(/\s+/gu, ' ').trim();
}

/** True when the text has something a reader can see (not only joiners, marks and spaces). */
const visible = (s: string): boolean => /[\p{L}\p{N}\p{P}\p{S}]/u.test(s);

type Segmenter = { segment(s: string): Iterable<{ segment: string }> };
let segmenter: Segmenter | null | undefined;
function graphemes(s: string): string[] {
  if (segmenter === undefined) {
    const Ctor = (globalThis as { Intl?: { Segmenter?: new (l?: string, o?: { granularity: string }) => Segmenter } }).Intl?.Segmenter;
    segmenter = Ctor ? new Ctor(undefined, { granularity: 'grapheme' }) : null;
  }
  if (!segmenter) return codePoints(s);
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/** The longest start of `s` within `max` UTF-16 units, cut between graphemes (code points if one grapheme is too long). */
function cutTo(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const g of graphemes(s)) {
    if (out.length + g.length > max) break;
    out += g;
  }
  if (out === '') {
    for (const cp of codePoints(s)) {
      if (out.length + cp.length > max) break;
      out += cp;
    }
  }
  return out;
}

/** A Date WeChat can show: valid, with a four-digit year in Asia/Shanghai. */
function showable(d: Date): boolean {
  const t = d.getTime();
  if (Number.isNaN(t)) return false;
  const year = new Date(t + SHANGHAI_OFFSET_MS).getUTCFullYear();
  return year >= 1000 && year <= 9999;
}

function toText(value: TemplateInput): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return showable(value) ? formatTemplateTime(value) : '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

const nfkc = (s: string): string => {
  try {
    return s.normalize('NFKC');
  } catch {
    return s;
  }
};

function fitThing(s: string): string {
  const c = clean(s);
  if (!visible(c)) return '无';
  if (c.length <= 20) return c;
  const cut = cutTo(c, 19).trimEnd();
  return visible(cut) ? cut + ELLIPSIS : '无';
}

function fitNumber(s: string): string {
  const c = nfkc(s).replace(/[,，\s]/g, '');
  const m = /\d+(?:\.\d+)?/.exec(c);
  if (!m) return '0';
  const [int, frac] = m[0].split('.');
  if (int.length >= 32) return int.slice(0, 32);
  if (!frac) return int;
  const room = 32 - int.length - 1;
  return room > 0 ? `${int}.${frac.slice(0, room)}` : int;
}

function fitLetter(s: string): string {
  const letters = nfkc(s).replace(/[^A-Za-z]/g, '').slice(0, 32);
  return letters || 'NA';
}

const isSymbol = (cp: string): boolean => /^[^\p{L}\p{N}\p{M}\p{Z}\p{C}]$/u.test(cp);

function fitSymbol(s: string): string {
  const symbols = codePoints(clean(s)).filter((cp) => cp.length === 1 && isSymbol(cp));
  return symbols.slice(0, 5).join('') || '-';
}

function fitCharacterString(s: string): string {
  const ascii = nfkc(s).replace(/[^\x21-\x7e]/g, '').slice(0, 32);
  return ascii || '-';
}

function fitPhone(s: string): string {
  const kept = codePoints(nfkc(s))
    .filter((cp) => /[0-9]/.test(cp) || (cp.length === 1 && /[+\-()#*.\/]/.test(cp)))
    .slice(0, 17)
    .join('');
  return /\d/.test(kept) ? kept : '0';
}

const HAN = /\p{Script=Han}/u;
const isHan = (cp: string): boolean => HAN.test(cp);

function fitCarNumber(s: string): string {
  const chars = codePoints(nfkc(s)).filter((cp) => isHan(cp) || /^[A-Za-z0-9]$/.test(cp));
  if (!chars.length) return '无';
  const first = chars[0];
  const rest = chars.slice(1);
  const tail = rest.length && isHan(rest[rest.length - 1]) ? rest[rest.length - 1] : '';
  const middle = (tail ? rest.slice(0, -1) : rest).filter((cp) => /^[A-Za-z0-9]$/.test(cp));
  // UTF-16 length ≤ 8 too: the first/last Han may be astral (CJK extension B…), so count units.
  let out = first;
  for (const cp of middle) {
    if (out.length + cp.length + tail.length > 8) break;
    out += cp;
  }
  if (out.length + tail.length <= 8) out += tail;
  return out;
}

function fitName(s: string): string {
  const cps = codePoints(clean(s));
  const han = cps.filter(isHan);
  if (han.length) {
    let out = '';
    for (const cp of han) {
      if (out.length + cp.length > 10) break;
      out += cp;
    }
    return out || '无';
  }
  const latin = nfkc(s)
    .replace(/[^A-Za-z]+/g, ' ')
    .trim()
    .slice(0, 20)
    .trim();
  return latin || '无';
}

function fitPhrase(s: string): string {
  let out = '';
  for (const cp of codePoints(clean(s)).filter(isHan)) {
    if (out.length + cp.length > 5) break;
    out += cp;
  }
  return out || '无';
}

const MONTH = '(?:0?[1-9]|1[0-2])';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const DATE = `(?:\\d{4}年${MONTH}月${DAY}日|\\d{4}-${MONTH}-${DAY}|\\d{4}/${MONTH}/${DAY})`;
const CLOCK = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const TIME_POINT = `(?:${DATE} ?)?${CLOCK}`;
const TIME_RE = new RegExp(`^${TIME_POINT}(?:~${TIME_POINT})?$`);
const DATE_POINT = `${DATE}(?: ?${CLOCK})?`;
const DATE_RE = new RegExp(`^${DATE_POINT}(?:~${DATE_POINT})?$`);

function parseDate(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return null;
  const d = new Date(s);
  return showable(d) ? d : null;
}

function fitTime(value: TemplateInput): string {
  if (value instanceof Date) return showable(value) ? formatTemplateTime(value) : '00:00';
  const s = clean(toText(value)).replace(/\s*~\s*/g, '~');
  if (TIME_RE.test(s)) return s;
  const d = parseDate(s);
  return d ? formatTemplateTime(d) : '00:00';
}

function fitDate(value: TemplateInput): string {
  if (value instanceof Date) return showable(value) ? formatTemplateDate(value) : '1970年1月1日';
  const s = clean(toText(value)).replace(/\s*~\s*/g, '~');
  if (DATE_RE.test(s)) return s;
  const d = parseDate(s);
  return d ? formatTemplateDate(d) : '1970年1月1日';
}

function fitAmount(value: TemplateInput): string {
  const s = nfkc(toText(value)).replace(/[,，\s]/g, '');
  const m = /\d+(?:\.\d+)?/.exec(s);
  if (!m) return '¥0';
  let [int, frac] = m[0].split('.');
  int = int.replace(/^0+(?=\d)/, '');
  if (int.length > 10) int = int.slice(0, 10);
  frac = frac ? frac.slice(0, 2) : '';
  return `¥${int}${frac ? `.${frac}` : ''}`;
}

/** A value WeChat accepts for `key`'s prefix, made from `value`. Throws on a key with no known prefix. */
export function fitTemplateValue(key: string, value: TemplateInput): string {
  const prefix = templateKeyPrefix(key);
  if (!prefix) throw new TypeError(`unknown template data key: ${key}`);
  switch (prefix) {
    case 'time':
      return fitTime(value);
    case 'date':
      return fitDate(value);
    case 'amount':
      return fitAmount(value);
    default:
      break;
  }
  const s = toText(value);
  switch (prefix) {
    case 'thing':
      return fitThing(s);
    case 'number':
      return fitNumber(s);
    case 'letter':
      return fitLetter(s);
    case 'symbol':
      return fitSymbol(s);
    case 'character_string':
      return fitCharacterString(s);
    case 'phone_number':
      return fitPhone(s);
    case 'car_number':
      return fitCarNumber(s);
    case 'name':
      return fitName(s);
    case 'phrase':
      return fitPhrase(s);
  }
}

/** Every value of `data` fitted to its key (`{thing1: '…', time2: '…'}`). */
export function fitTemplateData(data: Record<string, TemplateInput>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) out[key] = fitTemplateValue(key, value);
  return out;
}
