import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Generated files kept per notice under `<root>/<kind>/<notice id>/<name>`, where root is
 * `UPLOAD_DIR/cache`: every instance of a scaled-out deployment shares UPLOAD_DIR, so a file made by
 * one serves all. Writes are atomic (temporary file + rename on the same file system), so a reader
 * never sees half a file; writing a new name for a notice removes that notice's older files. The
 * cache can be deleted at any time: everything in it is made again on demand.
 */
export class NoticeFileCache {
  constructor(private readonly root: string) {}

  /** The file's bytes, or null when it is not cached. */
  async read(kind: string, noticeId: number, name: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(kind, noticeId, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** Stores the file and removes the notice's other files of this kind (older versions). */
  async write(kind: string, noticeId: number, name: string, bytes: Buffer): Promise<void> {
    const target = this.path(kind, noticeId, name);
    const dir = this.dir(kind, noticeId);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, bytes);
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    const stale = (await readdir(dir)).filter((f) => f !== name && !f.startsWith('.'));
    await Promise.all(stale.map((f) => rm(join(dir, f), { force: true })));
  }

  private dir(kind: string, noticeId: number): string {
    if (!/^[a-z0-9-]+$/.test(kind) || !Number.isSafeInteger(noticeId) || noticeId < 1) throw new Error(`bad cache location ${kind}/${noticeId}`);
    return join(this.root, kind, String(noticeId));
  }

  private path(kind: string, noticeId: number, name: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`bad cache file name ${name}`);
    return join(this.dir(kind, noticeId), name);
  }
}
