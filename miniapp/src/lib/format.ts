/** Display helpers for dates and notice labels. Dates show in China time whatever the device zone. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function chinaParts(iso: string | null | undefined) {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const d = new Date(t + CHINA_OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() };
}

/** `2026年11月24日`, or '' for a missing/invalid date. */
export function formatDate(iso: string | null | undefined): string {
  const p = chinaParts(iso);
  return p ? `${p.y}年${p.m}月${p.d}日` : '';
}

/** `2026年11月24日 15:01` */
export function formatDateTime(iso: string | null | undefined): string {
  const p = chinaParts(iso);
  return p ? `${p.y}年${p.m}月${p.d}日 ${String(p.h).padStart(2, '0')}:${String(p.min).padStart(2, '0')}` : '';
}

/** A date range such as a publicity period: `2026年11月1日 至 2026年11月7日`. */
export function formatDateRange(from: string | null | undefined, to: string | null | undefined): string {
  const a = formatDate(from);
  const b = formatDate(to);
  if (a && b) return `${a} 至 ${b}`;
  if (a) return `${a} 起`;
  if (b) return `至 ${b}`;
  return '';
}

/** Text badges: urgency and pinning are said in words, never by colour alone. */
export function noticeBadges(n: { urgent: boolean; pinned: boolean }): string[] {
  const out: string[] = [];
  if (n.urgent) out.push('紧急');
  if (n.pinned) out.push('置顶');
  return out;
}

/** How many leading items are urgent (the feed puts urgent first). */
export function leadingUrgentCount(items: ReadonlyArray<{ urgent: boolean }>): number {
  let n = 0;
  while (n < items.length && items[n].urgent) n++;
  return n;
}

/** `?a=1&b=x%20y` from the defined, non-empty values; '' when there are none. */
export function toQueryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * For the weapp <rich-text>: page styles can't reach inside it, so images get an inline
 * max-width to stay on screen. The HTML is already sanitised by the server.
 */
export function constrainRichTextImages(html: string): string {
  return html.replace(/<img\b([^>]*)>/gi, (_m, attrs: string) => {
    if (/\sstyle\s*=/i.test(attrs)) {
      return `<img${attrs.replace(/\sstyle\s*=\s*(["'])(.*?)\1/i, (_s, q: string, css: string) => ` style=${q}max-width:100%;height:auto;${css}${q}`)}>`;
    }
    return `<img style="max-width:100%;height:auto;"${attrs}>`;
  });
}
