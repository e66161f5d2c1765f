import { remRootPx } from './rem-root';

describe('remRootPx', () => {
  it('scales with the narrower side of the viewport', () => {
    expect(remRootPx(390, 844)).toBeCloseTo(20.8);
    expect(remRootPx(844, 390)).toBeCloseTo(20.8);
    expect(remRootPx(600, 900)).toBe(32);
  });
  it('is clamped to 20–40 px', () => {
    expect(remRootPx(320, 568)).toBe(20);
    expect(remRootPx(1920, 1080)).toBe(40);
  });
  it('falls back to the minimum without a size', () => {
    expect(remRootPx(0, 0)).toBe(20);
    expect(remRootPx(Number.NaN, 800)).toBeCloseTo(40);
  });
  it('puts 36 design px at 18 CSS px or more on any phone (elder body text)', () => {
    for (const width of [320, 360, 375, 390, 414, 430]) {
      expect((36 / 40) * remRootPx(width, 800)).toBeGreaterThanOrEqual(18);
    }
  });
});
