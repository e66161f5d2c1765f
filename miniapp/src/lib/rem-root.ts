/**
 * h5: the root font size that pxtransform's rem units are based on (Taro: 1rem = 40 design px,
 * design width 750, root clamped to 20–40 px). Taro ships this as an inline <script> in
 * index.html; the server's Content-Security-Policy (script-src 'self') blocks inline scripts, so
 * the app bundle sets it instead (see app.tsx). Pure: the caller passes the viewport size.
 */
export const DESIGN_WIDTH = 750;
export const ROOT_VALUE = 40;
export const MIN_ROOT_PX = 20;
export const MAX_ROOT_PX = 40;

export function remRootPx(viewportWidth: number, viewportHeight: number): number {
  const sides = [viewportWidth, viewportHeight].filter((v) => Number.isFinite(v) && v > 0);
  if (sides.length === 0) return MIN_ROOT_PX;
  const x = (ROOT_VALUE * Math.min(...sides)) / DESIGN_WIDTH;
  return Math.min(MAX_ROOT_PX, Math.max(MIN_ROOT_PX, x));
}
