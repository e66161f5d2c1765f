import { MemoryTokenStore } from '../../wechat/token-store';
import { CachedTokenStore } from './cached-token-store';

class CountingStore extends MemoryTokenStore {
  reads = 0;
  override async get(appid: string) {
    this.reads++;
    return super.get(appid);
  }
}

describe('CachedTokenStore', () => {
  const later = new Date(Date.now() + 7_200_000);

  it('reads the shared row once per TTL', async () => {
    let now = 0;
    const inner = new CountingStore();
    await inner.save('wx', 'T1', later);
    const store = new CachedTokenStore(inner, 1000, () => now);
    for (let i = 0; i < 100; i++) expect((await store.get('wx'))?.accessToken).toBe('T1');
    expect(inner.reads).toBe(1);
    now = 1001;
    await store.get('wx');
    expect(inner.reads).toBe(2);
  });

  it('sees a token renewed elsewhere as soon as the old one is invalidated', async () => {
    const inner = new CountingStore();
    await inner.save('wx', 'T1', later);
    const store = new CachedTokenStore(inner, 60_000);
    expect((await store.get('wx'))?.accessToken).toBe('T1');
    await inner.save('wx', 'T2', later); // another instance renewed it
    expect((await store.get('wx'))?.accessToken).toBe('T1'); // still cached
    await store.invalidate('wx', 'T1'); // WeChat refused T1: the row holds T2, so it stays
    expect((await store.get('wx'))?.accessToken).toBe('T2');
  });

  it('caches what it saves, and forgets a token it invalidates', async () => {
    const inner = new CountingStore();
    const store = new CachedTokenStore(inner, 60_000);
    await store.save('wx', 'T3', later);
    expect((await store.get('wx'))?.accessToken).toBe('T3');
    expect(inner.reads).toBe(0);
    await store.invalidate('wx', 'T3');
    expect(await store.get('wx')).toBeNull();
    expect(await inner.get('wx')).toBeNull();
  });
});
