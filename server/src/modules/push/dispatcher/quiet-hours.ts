/**
 * Quiet hours (免打扰): a daily window of Asia/Shanghai wall-clock time in which non-urgent messages
 * wait. China has used UTC+8 all year since 1991, so the zone is a fixed offset here.
 */
export interface QuietHours {
  /** Minutes after local midnight the window starts (inclusive). */
  startMinute: number;
  /** Minutes after local midnight it ends (exclusive). May be less than start: the window spans midnight. */
  endMinute: number;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Parses `HH:MM-HH:MM` (e.g. `22:00-07:00`). Empty, `off` or `none` → null (no quiet hours).
 * Throws a RangeError saying what is wrong for anything else.
 */
export function parseQuietHours(text: string | undefined | null): QuietHours | null {
  const s = (text ?? '').trim();
  if (s === '' || /^(off|none)$/i.test(s)) return null;
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`expected HH:MM-HH:MM (e.g. 22:00-07:00), or off; got "${s}"`);
  const [h1, m1, h2, m2] = m.slice(1).map(Number);
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) throw new RangeError(`not a time of day in "${s}"`);
  const startMinute = h1 * 60 + m1;
  const endMinute = h2 * 60 + m2;
  if (startMinute === endMinute) throw new RangeError(`start and end are the same in "${s}"`);
  return { startMinute, endMinute };
}

/** `HH:MM-HH:MM` for logs and docs. */
export function formatQuietHours(q: QuietHours | null): string {
  if (!q) return 'off';
  const hm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  return `${hm(q.startMinute)}-${hm(q.endMinute)}`;
}

/**
 * When `now` falls inside the quiet window, the instant the window ends (the next local `end`
 * time); otherwise null. Non-urgent messages due now are deferred to that instant.
 */
export function quietUntil(now: Date, q: QuietHours | null): Date | null {
  if (!q) return null;
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  const localMidnight = Math.floor(local / DAY_MS) * DAY_MS;
  const minuteOfDay = (local - localMidnight) / MINUTE_MS;
  const spansMidnight = q.startMinute > q.endMinute;
  const inside = spansMidnight
    ? minuteOfDay >= q.startMinute || minuteOfDay < q.endMinute
    : minuteOfDay >= q.startMinute && minuteOfDay < q.endMinute;
  if (!inside) return null;
  // The end is today (local) if it is still ahead, else tomorrow.
  let endLocal = localMidnight + q.endMinute * MINUTE_MS;
  if (endLocal <= local) endLocal += DAY_MS;
  return new Date(endLocal - SHANGHAI_OFFSET_MS);
}
