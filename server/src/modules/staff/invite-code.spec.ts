import { generateInviteCode, hashInviteCode, INVITE_ALPHABET, INVITE_CODE_LENGTH, normaliseInviteCode } from './invite-code';

describe('invite codes', () => {
  it('are 10 characters from the unambiguous alphabet, and differ each time', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = generateInviteCode();
      expect(code).toHaveLength(INVITE_CODE_LENGTH);
      expect([...code].every((c) => INVITE_ALPHABET.includes(c))).toBe(true);
      codes.add(code);
    }
    expect(codes.size).toBe(2000);
    expect(INVITE_ALPHABET).not.toMatch(/[0O1IL]/);
  });

  it('use every character of the alphabet', () => {
    const seen = new Set(Array.from({ length: 500 }, generateInviteCode).join(''));
    expect(seen.size).toBe(INVITE_ALPHABET.length);
  });

  it('are matched ignoring case, spaces, dashes and full-width input', () => {
    expect(normaliseInviteCode(' abcd-efgh 23 ')).toBe('ABCDEFGH23');
    expect(normaliseInviteCode('ＡＢＣＤ　ＥＦＧＨ２３')).toBe('ABCDEFGH23');
    expect(hashInviteCode('abcd efgh23')).toBe(hashInviteCode('ABCDEFGH23'));
    expect(hashInviteCode('ABCDEFGH23')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInviteCode('ABCDEFGH23')).not.toBe(hashInviteCode('ABCDEFGH24'));
  });
});
