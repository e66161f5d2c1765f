import { checkTemplateValue, keyPrefix, type ValuePrefix } from './value-rules';

const CASES: Record<ValuePrefix, { ok: string[]; bad: string[] }> = {
  thing: { ok: ['关于2026年度低保名单的公示', 'a'.repeat(20), '😀'.repeat(20)], bad: ['a'.repeat(21), '一二三四五六七八九十一二三四五六七八九十一'] },
  number: { ok: ['42', '3.14', '0', '1'.repeat(32)], bad: ['1'.repeat(33), '-1', '1e5', '12a', '1.', '四十二'] },
  letter: { ok: ['abc', 'Z'.repeat(32)], bad: ['abc1', 'a b', 'Z'.repeat(33), '字'] },
  symbol: { ok: ['%', '!@#$%', '¥', '。'], bad: ['!@#$%^', 'a', '1', ' '] },
  character_string: { ok: ['A-2026-001', 'abc_123!@#', 'x'.repeat(32)], bad: ['x'.repeat(33), '编号1', 'a b'] },
  time: {
    ok: ['15:01', '9:05', '2019年10月1日 15:01', '2026-11-24 08:00', '15:01~16:30', '2019年10月1日 15:01 ~ 2019年10月1日 17:00', '23:59:59'],
    bad: ['24:00', '15:60', '2019年10月1日', '下午三点', '15:01~', '2019年13月1日 15:01'],
  },
  date: {
    ok: ['2019年10月1日', '2019年10月1日 15:01', '2026-11-24', '2026/11/24', '2019年10月1日~2019年10月7日'],
    bad: ['10月1日', '2019年10月32日', '15:01', '明天', '2019-1-1~'],
  },
  amount: { ok: ['¥100', '￥100.50', '$9.99', '¥1234567890元', '¥0.5'], bad: ['100元', '100', '¥12345678901', '¥1.234', '¥¥1', 'RMB100'] },
  phone_number: { ok: ['13800138000', '+86-10-12345678', '(010)1234'], bad: ['1'.repeat(18), '138 0013 8000', 'tel:1', '---'] },
  car_number: { ok: ['粤A12345', '粤AD12345', '京A1234警', 'AB12345', '粤B'], bad: ['粤A1234567', '粤A12…', '粤A-123', 'A1粤23'] },
  name: { ok: ['张三', '欧阳一二三四五六七八', 'Alice', 'John Smith'], bad: ['欧阳一二三四五六七八九', 'a'.repeat(21), '张三1', 'Alice1', '张 三'] },
  phrase: { ok: ['已受理', '审核通过中'], bad: ['已经审核通过了', 'OK', '已受理!', '已…'] },
};

describe('subscribe message value rules', () => {
  it.each(Object.keys(CASES) as ValuePrefix[])('%s accepts its valid values and rejects the rest', (prefix) => {
    for (const v of CASES[prefix].ok) expect([v, checkTemplateValue(prefix, v)]).toEqual([v, true]);
    for (const v of CASES[prefix].bad) expect([v, checkTemplateValue(prefix, v)]).toEqual([v, false]);
  });

  it.each(Object.keys(CASES) as ValuePrefix[])('%s rejects an empty value and non-strings', (prefix) => {
    expect(checkTemplateValue(prefix, '')).toBe(false);
    expect(checkTemplateValue(prefix, 42)).toBe(false);
    expect(checkTemplateValue(prefix, null)).toBe(false);
  });

  it('reads the prefix of a key, including the longer prefixes', () => {
    expect(keyPrefix('thing1')).toBe('thing');
    expect(keyPrefix('character_string12')).toBe('character_string');
    expect(keyPrefix('phone_number3')).toBe('phone_number');
    expect(keyPrefix('car_number2')).toBe('car_number');
    expect(keyPrefix('thing')).toBeNull();
    expect(keyPrefix('things1')).toBeNull();
    expect(keyPrefix('title1')).toBeNull();
  });
});
