/**
 * subscribeMessage.send value rules by key prefix, as in wechat-api.md ("the number after the
 * prefix is just an index"). `checkTemplateValue` answers whether WeChat would accept a value.
 * Lengths count Unicode code points, as WeChat counts characters.
 */

export const VALUE_PREFIXES = [
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

export type ValuePrefix = (typeof VALUE_PREFIXES)[number];

const KEY = new RegExp(`^(${VALUE_PREFIXES.join('|')})(\\d+)$`);

/** The prefix of a data key such as `thing1` or `character_string12`; null for an unknown key. */
export function keyPrefix(key: string): ValuePrefix | null {
  const m = KEY.exec(key);
  return m ? (m[1] as ValuePrefix) : null;
}

const chars = (s: string): number => [...s].length;

// Dates always carry a year: 2019年10月1日, 2019-10-01 or 2019/10/01.
const MONTH = '(?:0?[1-9]|1[0-2])';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const DATE = `(?:\\d{4}年${MONTH}月${DAY}日|\\d{4}-${MONTH}-${DAY}|\\d{4}/${MONTH}/${DAY})`;
const CLOCK = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
/** time: a 24-hour time, optionally preceded by a date; two of them joined by `~` for a range. */
const TIME_POINT = `(?:${DATE}\\s*)?${CLOCK}`;
const TIME = new RegExp(`^${TIME_POINT}(?:\\s*~\\s*${TIME_POINT})?$`);
/** date: a date, optionally followed by a time; two of them joined by `~` for a range. */
const DATE_POINT = `${DATE}(?:\\s*${CLOCK})?`;
const DATE_RE = new RegExp(`^${DATE_POINT}(?:\\s*~\\s*${DATE_POINT})?$`);

/**
 * amount: exactly one currency symbol, up to 10 integer digits, optional decimals (fen), may end
 * in 元. The table makes the symbol part of the format, so the fake requires it: being at least as
 * strict as WeChat means values that pass here pass there.
 */
const AMOUNT = /^[¥￥$€£₩](?:0|[1-9]\d{0,9})(?:\.\d{1,2})?元?$/u;

/** car_number: up to 8 characters; WeChat's documented shape lets only the first and last be Chinese, the rest letters or digits. */
const CAR_NUMBER = /^[\p{Script=Han}A-Za-z0-9](?:[A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9])?$/u;

/** Letters-and-digits are not symbols; everything else printable (ASCII or full-width punctuation) is. */
const SYMBOLS_ONLY = /^[^\p{L}\p{N}\s]+$/u;

const RULES: Record<ValuePrefix, (v: string) => boolean> = {
  thing: (v) => chars(v) <= 20,
  number: (v) => v.length <= 32 && /^\d+(?:\.\d+)?$/.test(v),
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => chars(v) <= 5 && SYMBOLS_ONLY.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  time: (v) => TIME.test(v),
  date: (v) => DATE_RE.test(v),
  amount: (v) => AMOUNT.test(v),
  // Digits and symbols such as + - ( ) (no letters, no spaces), at least one digit.
  phone_number: (v) => chars(v) <= 17 && /\d/.test(v) && /^[^\p{L}\s]+$/u.test(v),
  car_number: (v) => chars(v) <= 8 && CAR_NUMBER.test(v),
  // ≤ 10 Chinese characters, or ≤ 20 Latin letters (single spaces between words allowed).
  name: (v) => /^\p{Script=Han}{1,10}$/u.test(v) || (v.length <= 20 && /^[A-Za-z]+(?: [A-Za-z]+)*$/.test(v)),
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
};

/** True when WeChat would accept `value` for a key with this prefix. An empty value always fails. */
export function checkTemplateValue(prefix: ValuePrefix, value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  return RULES[prefix](value);
}
