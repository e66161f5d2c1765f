import { mkdtempSync, promises as fsp, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { Logger } from '@nestjs/common';
import { AppError } from '../../../common/errors/app-error';
import type { AppConfig } from '../../../config/env.schema';
import { LocalDiskStorage } from './local-disk.storage';
import { isValidStorageKey, newStorageKey } from './storage-key';

describe('LocalDiskStorage', () => {
  let dir: string;
  let storage: LocalDiskStorage;
  const files = () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sunboard-storage-'));
    storage = new LocalDiskStorage({ uploadDir: dir } as AppConfig);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts, gets and deletes a file under a generated key', async () => {
    const key = newStorageKey(new Date(Date.UTC(2026, 10, 26)));
    expect(key).toMatch(/^2026\/11\/[0-9a-f-]{36}$/);
    await storage.put(key, Buffer.from('公示内容'));
    const got = await storage.get(key);
    expect(got?.size).toBe(Buffer.byteLength('公示内容'));
    expect(await text(got!.stream)).toBe('公示内容');
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('refuses keys that could leave the upload directory', async () => {
    for (const key of ['../etc/passwd', '2026/../../x', '/abs', '2026/11/.hidden', 'A/B', '', '2026//x']) {
      expect(isValidStorageKey(key)).toBe(false);
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow();
    }
    expect(files()).toEqual([]);
  });

  it('leaves nothing behind when the disk is full, and says so (507 STORAGE_FULL)', async () => {
    jest.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    const key = newStorageKey();
    const err = await storage.put(key, Buffer.alloc(1000)).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'STORAGE_FULL', status: 507 });
    expect(files()).toEqual([]);
    expect(await storage.get(key)).toBeNull();
  });

  it('maps other write failures to 503 STORAGE_UNAVAILABLE, leaving no temporary file', async () => {
    jest.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('io'), { code: 'EIO' }));
    const err = await storage.put(newStorageKey(), Buffer.alloc(10)).catch((e) => e);
    expect(err).toMatchObject({ code: 'STORAGE_UNAVAILABLE', status: 503 });
    expect(files()).toEqual([]);
  });
});
