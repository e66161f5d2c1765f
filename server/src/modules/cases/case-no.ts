import { randomInt } from 'node:crypto';
import { businessDate } from '../../common/clock/business-date';

/** Letters and digits that cannot be misread on a paper receipt (no 0/O, 1/I). */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A case number for the receipt: `SB` + the Beijing date + 6 random characters (32^6 ≈ 10^9 per day).
 * The number alone does not open a case: a claim also needs the applicant's name and phone digits.
 */
export function newCaseNo(at: Date): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `SB${businessDate(at).replace(/-/g, '')}${tail}`;
}
