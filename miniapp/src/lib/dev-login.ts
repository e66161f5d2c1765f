/**
 * Which openid the h5 demo build logs in as, with the fake WeChat's dev login.
 * Order: `?as=<openid>` in the URL (demo staff accounts; remembered), else the one stored from a
 * previous visit, else a new random `o_h5_…` (stored).
 */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface DevOpenidChoice {
  openid: string;
  /** Store `openid` for the next visit. */
  remember: boolean;
  /** It differs from the stored one: any saved session belongs to someone else. */
  switched: boolean;
}

/** Reads `as` from the query string, or from the query part of a hash route (`#/pages/x?as=…`). */
export function readAsParam(search: string, hash = ''): string | null {
  const fromQuery = (query: string): string | null => {
    const q = query.startsWith('?') ? query.slice(1) : query;
    for (const pair of q.split('&')) {
      const [key, ...rest] = pair.split('=');
      if (key === 'as') {
        try {
          return decodeURIComponent(rest.join('=').replace(/\+/g, ' ')).trim() || null;
        } catch {
          return null;
        }
      }
    }
    return null;
  };
  const direct = fromQuery(search || '');
  if (direct) return direct;
  const qIndex = hash.indexOf('?');
  return qIndex >= 0 ? fromQuery(hash.slice(qIndex)) : null;
}

export function randomOpenid(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 16; i++) s += alphabet[Math.floor(random() * alphabet.length) % alphabet.length];
  return `o_h5_${s}`;
}

export function chooseDevOpenid(input: {
  search: string;
  hash?: string;
  stored: string | null | undefined;
  random?: () => number;
}): DevOpenidChoice {
  const stored = input.stored && OPENID_PATTERN.test(input.stored) ? input.stored : null;
  const requested = readAsParam(input.search, input.hash);
  if (requested && OPENID_PATTERN.test(requested)) {
    return { openid: requested, remember: requested !== stored, switched: stored !== null && requested !== stored };
  }
  if (stored) return { openid: stored, remember: false, switched: false };
  return { openid: randomOpenid(input.random), remember: true, switched: false };
}
