import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoticeFileCache } from './notice-file-cache';

describe('NoticeFileCache', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'sunboard-cache-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads what was written, null for what was not, and keeps one file per notice and kind', async () => {
    const cache = new NoticeFileCache(root);
    expect(await cache.read('wxacode', 7, 'v1-a.png')).toBeNull();
    await cache.write('wxacode', 7, 'v1-a.png', Buffer.from('one'));
    await cache.write('wxacode', 8, 'v1-a.png', Buffer.from('other'));
    expect((await cache.read('wxacode', 7, 'v1-a.png'))?.toString()).toBe('one');
    await cache.write('wxacode', 7, 'v2-a.png', Buffer.from('two'));
    expect(readdirSync(join(root, 'wxacode', '7'))).toEqual(['v2-a.png']);
    expect(await cache.read('wxacode', 7, 'v1-a.png')).toBeNull();
    expect((await cache.read('wxacode', 8, 'v1-a.png'))?.toString()).toBe('other');
  });

  it('refuses names that could leave its directory', async () => {
    const cache = new NoticeFileCache(root);
    await expect(cache.read('wxacode', 7, '../../etc/passwd')).rejects.toThrow(/bad cache file name/);
    await expect(cache.write('../x', 7, 'a.png', Buffer.alloc(1))).rejects.toThrow(/bad cache location/);
    await expect(cache.write('wxacode', 0, 'a.png', Buffer.alloc(1))).rejects.toThrow(/bad cache location/);
  });
});
