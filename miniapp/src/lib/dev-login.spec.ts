import { chooseDevOpenid, randomOpenid, readAsParam } from './dev-login';

describe('readAsParam', () => {
  it('reads ?as= from the query string', () => {
    expect(readAsParam('?as=o_staff_1')).toBe('o_staff_1');
    expect(readAsParam('?x=1&as=o_staff_2&y=2')).toBe('o_staff_2');
    expect(readAsParam('?as=o%5Fa')).toBe('o_a');
  });
  it('reads it from the hash route query when the search is empty', () => {
    expect(readAsParam('', '#/pages/home/index?as=o_demo')).toBe('o_demo');
  });
  it('prefers the query string', () => {
    expect(readAsParam('?as=o_q', '#/pages/home/index?as=o_h')).toBe('o_q');
  });
  it('is null when missing, empty or malformed', () => {
    expect(readAsParam('')).toBeNull();
    expect(readAsParam('?as=')).toBeNull();
    expect(readAsParam('?ask=1')).toBeNull();
    expect(readAsParam('?as=%E0%A4%A')).toBeNull();
  });
});

describe('randomOpenid', () => {
  it('makes an o_h5_ id of 16 safe characters', () => {
    expect(randomOpenid()).toMatch(/^o_h5_[a-z0-9]{16}$/);
    expect(randomOpenid(() => 0)).toBe('o_h5_aaaaaaaaaaaaaaaa');
    expect(randomOpenid(() => 0.9999999)).toBe('o_h5_9999999999999999');
  });
});

describe('chooseDevOpenid', () => {
  it('uses and remembers ?as=', () => {
    expect(chooseDevOpenid({ search: '?as=o_staff_1', stored: null })).toEqual({
      openid: 'o_staff_1',
      remember: true,
      switched: false,
    });
  });
  it('marks a switch when ?as= differs from the stored openid', () => {
    expect(chooseDevOpenid({ search: '?as=o_staff_1', stored: 'o_h5_abc' })).toEqual({
      openid: 'o_staff_1',
      remember: true,
      switched: true,
    });
  });
  it('does not re-store or switch when ?as= equals the stored openid', () => {
    expect(chooseDevOpenid({ search: '?as=o_staff_1', stored: 'o_staff_1' })).toEqual({
      openid: 'o_staff_1',
      remember: false,
      switched: false,
    });
  });
  it('falls back to the stored openid', () => {
    expect(chooseDevOpenid({ search: '', stored: 'o_h5_abc' })).toEqual({ openid: 'o_h5_abc', remember: false, switched: false });
  });
  it('ignores an invalid ?as= value', () => {
    expect(chooseDevOpenid({ search: '?as=<script>', stored: 'o_h5_abc' }).openid).toBe('o_h5_abc');
  });
  it('generates and remembers a new openid on a first visit', () => {
    const choice = chooseDevOpenid({ search: '', stored: null, random: () => 0.5 });
    expect(choice.openid).toMatch(/^o_h5_/);
    expect(choice).toMatchObject({ remember: true, switched: false });
  });
  it('replaces a corrupt stored value', () => {
    const choice = chooseDevOpenid({ search: '', stored: 'bad value!' });
    expect(choice.openid).toMatch(/^o_h5_/);
    expect(choice.remember).toBe(true);
  });
});
