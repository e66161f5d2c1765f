import { computeFontScale } from './font-scale';

describe('computeFontScale', () => {
  it('is 1 when the platform gives no factor (h5)', () => {
    expect(computeFontScale(undefined, false)).toBe(1);
    expect(computeFontScale(undefined, true)).toBe(1);
    expect(computeFontScale(null, false)).toBe(1);
    expect(computeFontScale(Number.NaN, false)).toBe(1);
    expect(computeFontScale('1.5', false)).toBe(1);
    expect(computeFontScale(0, true)).toBe(1);
  });

  it('follows the WeChat font setting', () => {
    expect(computeFontScale(1.25, false)).toBe(1.25);
    expect(computeFontScale(1.4, true)).toBe(1.4);
  });

  it('lets a small system font shrink normal mode a little but never elder mode', () => {
    expect(computeFontScale(0.5, false)).toBe(0.85);
    expect(computeFontScale(0.9, false)).toBe(0.9);
    expect(computeFontScale(0.9, true)).toBe(1);
  });

  it('caps huge factors so layouts stay usable', () => {
    expect(computeFontScale(3.5, false)).toBe(2);
    expect(computeFontScale(Infinity, true)).toBe(1);
  });
});
