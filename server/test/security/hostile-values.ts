import fc from 'fast-check';

/** Marks the journey and the spec look for: a script that ran sets `window.__pwned`. */
export const PWN = 'window.__pwned=1';

/** Script and HTML that would run if a page ever put the text in as markup. */
export const SCRIPT_PAYLOADS = [
  `<script>${PWN}</script>`,
  `<img src=x onerror="${PWN}">`,
  `"><svg onload=${PWN}>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `<a href="javascript:${PWN}">点我</a>`,
  `<details open ontoggle=${PWN}>`,
  `</textarea><script>${PWN}</script>`,
];

/** 10,000 characters of Chinese, with an emoji every so often (4-byte UTF-8, two UTF-16 units). */
export const LONG_CHINESE = Array.from({ length: 10_000 }, (_, i) => (i % 97 === 0 ? '🏘' : '阳光公开栏居民意见'[i % 9])).join('');

/** Strings that have broken servers: scripts, SQL, NUL, lone surrogates, direction marks, huge and empty text. */
export const HOSTILE_STRINGS = [
  ...SCRIPT_PAYLOADS,
  "'; DROP TABLE notice; --",
  "' OR '1'='1' -- ",
  '1; SELECT SLEEP(5)',
  '\u0000',
  '前\u0000后',
  '\ud800',
  '孤\udfff立',
  '\u202e\u0645\u0631\u062d\u0628\u0627 \u202d',
  '\u200b\u200c\u200d\ufeff',
  '😀👨‍👩‍👧‍👦🇨🇳',
  '🏘'.repeat(200),
  LONG_CHINESE,
  'A'.repeat(70_000),
  '${7*7}{{7*7}}<%= 7*7 %>',
  '../../etc/passwd',
  '%00%2e%2e%2f',
  '\\\\server\\share',
  '__proto__',
  ' ',
  '',
  '\r\n\t\u000b',
];

/** The short ones: they fit most text fields, so they get stored and shown. */
export const SHORT_HOSTILE_STRINGS = HOSTILE_STRINGS.filter((x) => x.trim() && [...x].length <= 80).map((x) => (x.length < 4 ? `居民${x}意见反映` : x));

/** A hostile string: one of the list, or fast-check's own (any code point, lone surrogates included). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(...SCRIPT_PAYLOADS).map((p) => `居民反映：${p}，请尽快处理。`) },
);

/** Numbers at and past every edge a column or a parser might have. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -0, 2 ** 31, 2 ** 31 - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, '1', '0x10', '1e3', ' 7 '),
  fc.integer(),
  fc.double({ noNaN: true }),
);

/** Anything in place of a field: a hostile string or number, or the wrong kind of value altogether. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { $gt: '' }, JSON.parse('{"__proto__":{"admin":true}}') as unknown) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 60 }) },
);

/** Search words that are operators to a full-text engine or to LIKE. */
export const SEARCH_OPERATORS = ['"', '""', '*', 'NEAR(社区 通知)', '社区 OR 通知', '-社区', '^社区', 'title:社区', '(', ')', "'", '\\', '%', '_', 'AND', '社区*', '+社区 -通知', '\u0000'];

/** Path segments for `:id`-like parameters. */
export const HOSTILE_IDS = ['0', '-1', '1.5', '1e3', '0x1f', '2147483648', '99999999999999999999', 'NaN', 'null', '%00', '..%2f..%2fetc%2fpasswd', '%E4%B8%AD', '😀', 'a'.repeat(300), '%27%20OR%201%3D1'];
