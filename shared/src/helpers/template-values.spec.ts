import fc from 'fast-check';
import { fitTemplateData, fitTemplateValue, formatTemplateTime, TEMPLATE_KEY_PREFIXES, templateKeyPrefix, type TemplateInput } from './template-values';

/**
 * An independent validator written from the table in wechat-api.md ("Value rules by key prefix"),
 * not from the fitter's code. Characters are counted as Unicode code points, as WeChat counts them
 * (the fitter is stricter still; see `utf16Within` below).
 */
const cps = (s: string) => Array.from(s);
const hasLoneSurrogate = (s: string) => /\p{Cs}/u.test(s);
const han = /^\p{Script=Han}$/u;
const digit = /^[0-9]$/;
const latin = /^[A-Za-z]$/;

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  return y.length === 4 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
function validClock(s: string): boolean {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59 && (m[3] === undefined || Number(m[3]) <= 59);
}
function splitDate(s: string): [boolean, string] {
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(s) ?? /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(s);
  if (!m) return [false, s];
  return [validDate(m[1], m[2], m[3]), s.slice(m[0].length)];
}
function timePoint(p: string): boolean {
  const [hasDate, rest] = splitDate(p);
  if (hasDate) return validClock(rest.trimStart());
  return validClock(p);
}
function datePoint(p: string): boolean {
  const [hasDate, rest] = splitDate(p);
  return hasDate && (rest === '' || validClock(rest.trimStart()));
}
const range = (s: string, point: (p: string) => boolean) => {
  const parts = s.split('~').map((p) => p.trim());
  return parts.length <= 2 && parts.every(point);
};

const RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => cps(v).length <= 20,
  number: (v) => /^\d+(\.\d+)?$/.test(v) && v.replace('.', '').length <= 32,
  letter: (v) => cps(v).length <= 32 && cps(v).every((c) => latin.test(c)),
  symbol: (v) => cps(v).length <= 5 && cps(v).every((c) => !/[\p{L}\p{N}\s]/u.test(c)),
  character_string: (v) => cps(v).length <= 32 && cps(v).every((c) => c >= '!' && c <= '~'),
  time: (v) => range(v, timePoint),
  date: (v) => range(v, datePoint),
  amount: (v) => /^[¥￥$€£](\d{1,10})(\.\d+)?元?$/.test(v),
  phone_number: (v) => cps(v).length <= 17 && cps(v).some((c) => digit.test(c)) && cps(v).every((c) => !/[\p{L}\s]/u.test(c)),
  car_number: (v) => cps(v).length <= 8 && cps(v).every((c) => han.test(c) || latin.test(c) || digit.test(c)),
  name: (v) => (cps(v).length <= 10 && cps(v).every((c) => han.test(c))) || (v.length <= 20 && /^[A-Za-z]+( [A-Za-z]+)*$/.test(v)),
  phrase: (v) => cps(v).length <= 5 && cps(v).every((c) => han.test(c)),
};

/** What WeChat would accept for `key`: non-empty, no broken UTF-16, and the prefix's rule. */
function wechatAccepts(key: string, v: string): boolean {
  const prefix = /^([a-z_]+?)\d+$/.exec(key)![1];
  return typeof v === 'string' && v.length > 0 && !hasLoneSurrogate(v) && RULES[prefix](v);
}

/** The fitter also keeps limited values within the limit in UTF-16 units (a stricter count). */
const UTF16_LIMITS: Record<string, number> = { thing: 20, letter: 32, symbol: 5, character_string: 32, phone_number: 17, car_number: 8, phrase: 5 };

const keyArb = fc.constantFrom(...TEMPLATE_KEY_PREFIXES).chain((p) => fc.integer({ min: 1, max: 99 }).map((i) => `${p}${i}`));

const EMOJI = ['😀', '👨‍👩‍👧‍👦', '🇨🇳', '👍🏽', '❤️', '🧑‍🚀', '1️⃣'];
const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) });
const bmpUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const hanText = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const mixed = fc
  .array(fc.oneof(hanText, fc.constantFrom(...EMOJI), fc.string({ unit: 'grapheme-ascii' }), fc.constantFrom(' ', '\n', '\t', '\u200b', '\u0301', '…', '·', '—')), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

const textArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  bmpUnits,
  loneSurrogates,
  hanText,
  mixed,
);
const inputArb: fc.Arbitrary<TemplateInput> = fc.oneof(
  { weight: 8, arbitrary: textArb },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN)) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, '', ' ', '\u200b') },
);

describe('fitTemplateValue', () => {
  it('always gives a value WeChat accepts, for any key and any input (arbitrary Unicode, lone surrogates, emoji, numbers, dates)', () => {
    fc.assert(
      fc.property(keyArb, inputArb, (key, value) => {
        const out = fitTemplateValue(key, value);
        if (!wechatAccepts(key, out)) throw new Error(`${key}: ${JSON.stringify(value)} → ${JSON.stringify(out)}`);
        const limit = UTF16_LIMITS[templateKeyPrefix(key)!];
        if (limit !== undefined && out.length > limit) throw new Error(`${key}: ${out.length} UTF-16 units`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps a thing that fits as it is (whitespace tidied), and cuts a longer one to 19 characters + …', () => {
    fc.assert(
      fc.property(hanText, (s) => {
        const out = fitTemplateValue('thing1', s);
        if (s.length === 0) return out === '无';
        if (s.length <= 20) return out === s;
        return out === `${s.slice(0, 19)}…`;
      }),
    );
    expect(fitTemplateValue('thing1', '关于开展2026年度城乡居民最低生活保障对象复核工作的通知')).toBe('关于开展2026年度城乡居民最低生活保…');
    expect(fitTemplateValue('thing3', '  光明社区\n居民委员会  ')).toBe('光明社区 居民委员会');
  });

  it('never splits an emoji or a letter from its accent when cutting a thing', () => {
    const out = fitTemplateValue('thing1', `${'一'.repeat(18)}👨‍👩‍👧‍👦后面还有`);
    expect(out).toBe(`${'一'.repeat(18)}…`);
    expect(fitTemplateValue('thing1', `${'a'.repeat(17)}e\u0301xyz`)).toBe(`${'a'.repeat(17)}e\u0301…`);
    // 'é' as e + combining accent does not fit in the 19th place: it goes whole, never as a bare 'e'.
    expect(fitTemplateValue('thing1', `${'a'.repeat(18)}e\u0301xyz`)).toBe(`${'a'.repeat(18)}…`);
  });

  it('never appends … to a phrase, a number or a car number, and cuts them to valid values', () => {
    expect(fitTemplateValue('phrase4', '征求意见结果')).toBe('征求意见结');
    expect(fitTemplateValue('phrase4', '紧急 notice!')).toBe('紧急');
    expect(fitTemplateValue('phrase2', 'done')).toBe('无');
    expect(fitTemplateValue('number1', '共 1,234.50 元')).toBe('1234.50');
    expect(fitTemplateValue('number1', '9'.repeat(40))).toBe('9'.repeat(32));
    expect(fitTemplateValue('car_number5', '豫D·12345学')).toBe('豫D12345学');
    expect(fitTemplateValue('car_number5', '豫D1234567890')).toBe('豫D123456');
  });

  it('writes times and dates in Asia/Shanghai as WeChat shows them', () => {
    const d = new Date('2026-11-24T07:01:30Z');
    expect(formatTemplateTime(d)).toBe('2026年11月24日 15:01');
    expect(fitTemplateValue('time2', d)).toBe('2026年11月24日 15:01');
    expect(fitTemplateValue('date3', d)).toBe('2026年11月24日');
    expect(fitTemplateValue('time2', '2026-11-30T16:30:00Z')).toBe('2026年12月1日 00:30');
    expect(fitTemplateValue('time2', '15:01 ~ 16:00')).toBe('15:01~16:00');
    expect(fitTemplateValue('time2', '下午三点')).toBe('00:00');
  });

  it('fills values with nothing usable with a placeholder valid for the key', () => {
    expect(fitTemplateValue('thing1', '')).toBe('无');
    expect(fitTemplateValue('thing1', '\u200b\u200b')).toBe('无');
    expect(fitTemplateValue('letter2', '中文')).toBe('NA');
    expect(fitTemplateValue('character_string3', '中文')).toBe('-');
    expect(fitTemplateValue('amount4', '')).toBe('¥0');
    expect(fitTemplateValue('amount4', '共计 12,345.678 元')).toBe('¥12345.67');
    expect(fitTemplateValue('phone_number5', '电话：0375-2881234')).toBe('0375-2881234');
    expect(fitTemplateValue('name6', '王 芳 Wang')).toBe('王芳');
    expect(fitTemplateValue('name6', 'Wang   Fang!')).toBe('Wang Fang');
    expect(fitTemplateValue('symbol7', 'abc')).toBe('-');
  });

  it('refuses a key WeChat has no rule for', () => {
    expect(() => fitTemplateValue('title1', 'x')).toThrow(TypeError);
    expect(() => fitTemplateValue('thing', 'x')).toThrow(TypeError);
  });

  it('fits a whole data object key by key', () => {
    expect(fitTemplateData({ thing1: '停水通知', time2: new Date('2026-01-01T00:00:00Z'), phrase3: '紧急通知' })).toEqual({
      thing1: '停水通知',
      time2: '2026年1月1日 08:00',
      phrase3: '紧急通知',
    });
  });
});
