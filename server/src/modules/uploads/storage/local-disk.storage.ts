import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppError } from '../../../common/errors/app-error';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/env.schema';
import { isValidStorageKey } from './storage-key';
import { StorageService, type StoredFile } from './storage.service';

/** Error codes that mean the disk (or the user's quota) is full. */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
/** Temporary files end with this; a crash may leave one behind, never a half-written final file. */
export const TEMP_SUFFIX = '.partial';

/** Maps a file-system failure while saving to the API's error (the path and cause go to the log only). */
export function storageError(err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  return FULL_CODES.has(code) ? new AppError('STORAGE_FULL') : new AppError('STORAGE_UNAVAILABLE');
}

/**
 * Files on local disk under `UPLOAD_DIR`, one file per key. A write goes to a temporary name in the
 * same directory, is flushed, and is then renamed into place, so a reader never sees half a file
 * and a failed write leaves nothing under the key.
 */
@Injectable()
export class LocalDiskStorage extends StorageService {
  private readonly logger = new Logger('LocalDiskStorage');
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.root = resolve(config.uploadDir);
  }

  /** The absolute path of a key; refuses anything that is not a generated key (no traversal). */
  pathOf(key: string): string {
    if (!isValidStorageKey(key)) throw new Error(`invalid storage key`);
    const path = join(this.root, ...key.split('/'));
    if (!path.startsWith(this.root + sep)) throw new Error(`invalid storage key`);
    return path;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    const temp = `${path}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
    try {
      await fsp.mkdir(dirname(path), { recursive: true });
      const handle = await fsp.open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, path);
    } catch (err) {
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      this.logger.error({ code: (err as NodeJS.ErrnoException)?.code, key }, 'saving an upload failed');
      throw storageError(err);
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    const path = this.pathOf(key);
    let size: number;
    try {
      const stat = await fsp.stat(path);
      if (!stat.isFile()) return null;
      size = stat.size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw storageError(err);
    }
    return { stream: createReadStream(path), size };
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }
}
