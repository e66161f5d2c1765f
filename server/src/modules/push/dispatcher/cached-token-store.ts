import type { StoredToken, TokenStore } from '../../wechat/token-store';

/**
 * The shared token row, read through a short in-memory cache: at thousands of sends a second, one
 * SELECT per send for a token that changes every two hours is most of the database's work. Safe
 * because staleness is bounded and self-correcting: a token WeChat refuses (40001/40014/42001) makes
 * the client call `invalidate`, which drops the cache and goes to the row, so a token renewed by
 * another instance is picked up at once; a renewal here updates the cache with the row.
 */
export class CachedTokenStore implements TokenStore {
  private cached: { appid: string; token: StoredToken | null; until: number } | null = null;

  constructor(
    private readonly inner: TokenStore,
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(appid: string): Promise<StoredToken | null> {
    const c = this.cached;
    if (c && c.appid === appid && c.until > this.now()) return c.token ? { ...c.token } : null;
    const token = await this.inner.get(appid);
    this.cached = { appid, token, until: this.now() + this.ttlMs };
    return token ? { ...token } : null;
  }

  async save(appid: string, accessToken: string, expiresAt: Date): Promise<void> {
    await this.inner.save(appid, accessToken, expiresAt);
    this.cached = { appid, token: { accessToken, expiresAt }, until: this.now() + this.ttlMs };
  }

  async invalidate(appid: string, accessToken: string): Promise<void> {
    this.cached = null;
    await this.inner.invalidate(appid, accessToken);
  }
}
