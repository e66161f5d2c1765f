import { inflateRawSync } from 'node:zlib';

/** Why a zip was refused before anything else read it. */
export type ZipProblem = 'not_zip' | 'too_large' | 'unsupported' | 'mismatch';

export class ZipRefused extends Error {
  constructor(
    readonly problem: ZipProblem,
    readonly unpackedBytes?: number,
  ) {
    super(`zip refused: ${problem}`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

/**
 * Checks a zip (an xlsx) before a library unpacks it, against decompression bombs: the sizes its
 * central directory declares must add up to at most `maxUnpackedBytes`, and every entry is then
 * actually inflated with its declared size as a hard cap, so a zip that lies about its sizes is
 * caught too (zlib stops at the cap instead of filling memory). Stored and deflated entries only;
 * no zip64, no encryption. Throws ZipRefused; returns the total unpacked size.
 */
export function assertZipWithinLimits(buf: Buffer, maxUnpackedBytes: number): number {
  const eocd = findEocd(buf);
  if (eocd < 0) throw new ZipRefused('not_zip');
  const entries = buf.readUInt16LE(eocd + 10);
  const directoryOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff || entries > MAX_ENTRIES) throw new ZipRefused('unsupported');

  const list: Array<{ method: number; flags: number; compressed: number; size: number; local: number }> = [];
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw new ZipRefused('not_zip');
    const entry = {
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      local: buf.readUInt32LE(at + 42),
    };
    if (entry.size === 0xffffffff || entry.compressed === 0xffffffff || entry.local === 0xffffffff) throw new ZipRefused('unsupported');
    total += entry.size;
    if (total > maxUnpackedBytes) throw new ZipRefused('too_large', total);
    list.push(entry);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }

  for (const e of list) {
    if (e.flags & 0x1) throw new ZipRefused('unsupported');
    if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== LOCAL) throw new ZipRefused('not_zip');
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    if (start + e.compressed > buf.length) throw new ZipRefused('not_zip');
    const data = buf.subarray(start, start + e.compressed);
    if (e.method === 0) {
      if (e.compressed !== e.size) throw new ZipRefused('mismatch');
    } else if (e.method === 8) {
      let out: Buffer;
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
      } catch (err) {
        throw new ZipRefused((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'mismatch' : 'not_zip');
      }
      if (out.length !== e.size) throw new ZipRefused('mismatch');
    } else {
      throw new ZipRefused('unsupported');
    }
  }
  return total;
}

function findEocd(buf: Buffer): number {
  if (buf.length < 22) return -1;
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}
