import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createFakeWechat, type FakeWechat } from '../../fake-wechat/fake-wechat';
import { FakeWechatDriver } from '../../fake-wechat/fake-wechat.driver';
import { ENTITIES } from '../../database/entities';
import { MIGRATIONS } from '../../database/migrations';
import { MemoryTokenStore, type TokenStore, TypeormTokenStore } from './token-store';
import { WechatClient } from './wechat.client';
import { WechatToken } from './wechat-token.entity';

/** The same contract for both stores. */
function storeContract(name: string, make: () => TokenStore) {
  describe(name, () => {
    let store: TokenStore;
    beforeEach(() => {
      store = make();
    });

    it('saves, reads back and overwrites the token per appid', async () => {
      expect(await store.get('wx_a')).toBeNull();
      const at = new Date(Date.UTC(2026, 10, 24, 7, 1, 2, 345));
      await store.save('wx_a', 'token-1', at);
      expect(await store.get('wx_a')).toEqual({ accessToken: 'token-1', expiresAt: at });
      await store.save('wx_a', 'token-2', new Date(at.getTime() + 1000));
      expect((await store.get('wx_a'))?.accessToken).toBe('token-2');
      expect(await store.get('wx_b')).toBeNull();
    });

    it('invalidates only if the stored token is still the one named', async () => {
      await store.save('wx_a', 'fresh', new Date(Date.now() + 3600_000));
      await store.invalidate('wx_a', 'stale');
      expect((await store.get('wx_a'))?.accessToken).toBe('fresh');
      await store.invalidate('wx_a', 'fresh');
      expect(await store.get('wx_a')).toBeNull();
    });
  });
}

describe('token stores', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: ENTITIES, migrations: MIGRATIONS, synchronize: false });
    await db.initialize();
    await db.runMigrations();
  });
  afterAll(() => db.destroy());

  storeContract('MemoryTokenStore', () => new MemoryTokenStore());
  storeContract('TypeormTokenStore (SQLite, real migrations)', () => new TypeormTokenStore(db));

  describe('TypeormTokenStore shared by two client instances', () => {
    let fake: FakeWechat;
    beforeAll(async () => {
      fake = await createFakeWechat({ port: 0, appid: 'wx_db', secret: 's' });
    });
    afterAll(() => fake.close());

    it('lets the second instance reuse the token the first one stored', async () => {
      const opts = { apiBase: fake.url, appid: 'wx_db', secret: 's', timeoutMs: 1000 };
      const a = new WechatClient(opts, new TypeormTokenStore(db));
      const b = new WechatClient(opts, new TypeormTokenStore(db.getRepository(WechatToken)));
      const token = await a.getAccessToken();
      expect(await b.getAccessToken()).toBe(token);
      expect((await new FakeWechatDriver(fake.url).stats()).endpoints.stable_token.calls).toBe(1);
      const rows = await db.query('SELECT appid, access_token, expires_at FROM wechat_token WHERE appid = ?', ['wx_db']);
      expect(rows).toEqual([{ appid: 'wx_db', access_token: token, expires_at: expect.any(String) }]);
    });
  });
});
