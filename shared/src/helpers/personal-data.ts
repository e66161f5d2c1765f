/**
 * Personal data in published text and lists (domain.md, "Personal information in published lists"):
 * ID numbers keep the first 2 and last 2 characters (`35**************12`), mobile numbers the first 3
 * and last 4 (`138****1234`), bank accounts the first 4 and last 4. Office landlines (咨询电话) are
 * public and are left alone.
 */
export type PersonalDataKind = 'id_number' | 'phone' | 'bank_account';

export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = {
  id_number: '身份证号',
  phone: '手机号码',
  bank_account: '银行账号',
};

// Digit runs are matched whole: a phone number inside a longer run of digits is not a phone number.
const ID_18 = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const ID_15 = /(?<![0-9A-Za-z])[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;
const BANK = /(?<![0-9A-Za-z])(?:\d{4}[ -]?){3}\d{4}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])/g;
const PHONE = /(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])/g;

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** Offset in the text (UTF-16 code units) and the matched text. */
  index: number;
  value: string;
}

const digitsOf = (s: string) => s.replace(/[^0-9Xx]/g, '');

/** Masks an ID number: first 2 and last 2 kept, the rest `*` (18 → `35**************12`). */
export function maskIdNumber(value: string): string {
  const v = digitsOf(value).toUpperCase();
  if (v.length < 5) return '*'.repeat(v.length);
  return v.slice(0, 2) + '*'.repeat(v.length - 4) + v.slice(-2);
}

/** Masks a mobile number: `13812341234` → `138****1234` (a +86 prefix is dropped). */
export function maskPhone(value: string): string {
  let v = value.replace(/\D/g, '');
  if (v.length === 13 && v.startsWith('86')) v = v.slice(2);
  if (v.length < 8) return '*'.repeat(v.length);
  return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
}

/** Masks a bank account: first 4 and last 4 kept. */
export function maskBankAccount(value: string): string {
  const v = value.replace(/\D/g, '');
  if (v.length < 9) return '*'.repeat(v.length);
  return v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4);
}

export function maskAs(kind: PersonalDataKind, value: string): string {
  if (kind === 'id_number') return maskIdNumber(value);
  if (kind === 'phone') return maskPhone(value);
  return maskBankAccount(value);
}

/** Every unmasked ID number, mobile number and bank account in the text, in order, without overlaps. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (a: number, b: number) => taken.some(([s, e]) => a < e && b > s);
  const scan = (re: RegExp, kind: PersonalDataKind) => {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      taken.push([start, end]);
      found.push({ kind, index: start, value: m[0] });
    }
  };
  scan(ID_18, 'id_number');
  scan(ID_15, 'id_number');
  scan(PHONE, 'phone');
  scan(BANK, 'bank_account');
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The text with every finding masked in place (the "mask it in one tap" action). Masking can expose a
 * new match (the visible ends of a masked number joining digits beside it), so it repeats until
 * nothing is found; each pass hides digits, so it ends.
 */
export function maskPersonalData(text: string): string {
  let current = text;
  for (;;) {
    const found = findPersonalData(current);
    if (!found.length) return current;
    let out = '';
    let at = 0;
    for (const m of found) {
      out += current.slice(at, m.index) + maskAs(m.kind, m.value);
      at = m.index + m.value.length;
    }
    current = out + current.slice(at);
  }
}

/** What a table column holds, judged by its header first and then by its values. */
export function classifyColumn(header: string, values: readonly string[]): PersonalDataKind | null {
  const h = header.replace(/\s/g, '');
  if (/身份证|证件号|公民身份号码|身份号码/.test(h)) return 'id_number';
  if (/银行|账号|帐号|卡号|账户|帐户/.test(h)) return 'bank_account';
  if (/电话|手机|联系方式|联系号码/.test(h)) return 'phone';
  const filled = values.map((v) => String(v ?? '').trim()).filter(Boolean);
  if (!filled.length) return null;
  const counts: Record<PersonalDataKind, number> = { id_number: 0, phone: 0, bank_account: 0 };
  for (const v of filled) {
    const hits = findPersonalData(v);
    if (hits.length === 1 && hits[0].value.length >= v.length - 1) counts[hits[0].kind]++;
  }
  const best = (Object.keys(counts) as PersonalDataKind[]).sort((a, b) => counts[b] - counts[a])[0];
  // Half the filled cells looking like one kind is enough: one stray number must not go unmasked.
  return counts[best] > 0 && counts[best] * 2 >= filled.length ? best : null;
}

/**
 * A cell of a column classified as `kind`: masked as that kind when it has digits; any other personal
 * data inside free text is masked too.
 */
export function maskCell(kind: PersonalDataKind | null, value: string): string {
  const v = String(value ?? '');
  if (kind && /\d{5,}/.test(v.replace(/[ -]/g, ''))) return maskAs(kind, v.trim());
  return maskPersonalData(v);
}
