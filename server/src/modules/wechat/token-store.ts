import type { DataSource, Repository } from 'typeorm';
import { WechatToken } from './wechat-token.entity';

export interface StoredToken {
  accessToken: string;
  expiresAt: Date;
}

/** Where the one shared access token per appid lives, so every instance uses the same one. */
export interface TokenStore {
  get(appid: string): Promise<StoredToken | null>;
  save(appid: string, accessToken: string, expiresAt: Date): Promise<void>;
  /** Forgets the token only if it is still `accessToken`: a stale caller cannot drop a fresher one. */
  invalidate(appid: string, accessToken: string): Promise<void>;
}

/** The `wechat_token` row, shared by all server and worker instances. */
export class TypeormTokenStore implements TokenStore {
  private readonly repo: Repository<WechatToken>;

  constructor(source: DataSource | Repository<WechatToken>) {
    this.repo = 'getRepository' in source ? source.getRepository(WechatToken) : source;
  }

  async get(appid: string): Promise<StoredToken | null> {
    const row = await this.repo.findOneBy({ appid });
    return row ? { accessToken: row.accessToken, expiresAt: row.expiresAt } : null;
  }

  async save(appid: string, accessToken: string, expiresAt: Date): Promise<void> {
    await this.repo.upsert({ appid, accessToken, expiresAt, updatedAt: new Date() }, ['appid']);
  }

  async invalidate(appid: string, accessToken: string): Promise<void> {
    // DELETE … WHERE appid = ? AND access_token = ?
    await this.repo.delete({ appid, accessToken });
  }
}

/** In-process store for unit tests and single-process tools. */
export class MemoryTokenStore implements TokenStore {
  private readonly rows = new Map<string, StoredToken>();

  async get(appid: string): Promise<StoredToken | null> {
    const row = this.rows.get(appid);
    return row ? { ...row } : null;
  }

  async save(appid: string, accessToken: string, expiresAt: Date): Promise<void> {
    this.rows.set(appid, { accessToken, expiresAt });
  }

  async invalidate(appid: string, accessToken: string): Promise<void> {
    if (this.rows.get(appid)?.accessToken === accessToken) this.rows.delete(appid);
  }
}
