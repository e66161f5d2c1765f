/**
 * ARIA attributes for the h5 build. Taro's weapp templates only render the attributes they
 * know, so there these are dropped up front (native components carry their own semantics).
 * Typed as `object` so they can be spread onto Taro components.
 */
export function h5Attrs(attrs: Record<string, string | number | boolean | undefined>): object {
  if (process.env.TARO_ENV !== 'h5') return {};
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}
