/**
 * Text scale for a page: WeChat's own font setting (`getAppBaseInfo().fontSizeScaleFactor`)
 * multiplies our base sizes; elder mode already switches to larger base sizes (see
 * styles/variables.scss), so it only refuses to shrink below them.
 * Pure: the caller reads the factor from Taro and passes it in.
 */
export const MIN_SCALE = 0.85;
export const MAX_SCALE = 2;

export function computeFontScale(systemFactor: unknown, elderMode: boolean): number {
  const factor = typeof systemFactor === 'number' && Number.isFinite(systemFactor) && systemFactor > 0 ? systemFactor : 1;
  const lower = elderMode ? 1 : MIN_SCALE;
  const clamped = Math.min(MAX_SCALE, Math.max(lower, factor));
  return Math.round(clamped * 100) / 100;
}
