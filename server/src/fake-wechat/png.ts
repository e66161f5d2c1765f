import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

/** Encodes an 8-bit greyscale image (one byte per pixel, row-major) as a PNG. */
export function encodeGreyPng(width: number, height: number, pixels: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: greyscale
  // bytes 10–12: compression, filter, interlace all 0
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const GRID = 21;

/**
 * A width×width grey square with a QR-like pattern derived from the scene and page, so different
 * codes look different in the demo. It is not a scannable code.
 */
export function fakeWxaCodePng(width: number, seed: string): Buffer {
  const bits = createHash('sha256').update(seed).digest();
  const dark = (gx: number, gy: number): boolean => {
    const finder = (ox: number, oy: number) => {
      const x = gx - ox;
      const y = gy - oy;
      if (x < 0 || y < 0 || x > 6 || y > 6) return null;
      return x === 0 || y === 0 || x === 6 || y === 6 || (x >= 2 && x <= 4 && y >= 2 && y <= 4);
    };
    const f = finder(0, 0) ?? finder(GRID - 7, 0) ?? finder(0, GRID - 7);
    if (f !== null) return f;
    const i = gy * GRID + gx;
    return ((bits[i % bits.length] >> (i % 8)) & 1) === 1;
  };
  const margin = Math.floor(width / 12);
  const cell = (width - 2 * margin) / GRID;
  const pixels = new Uint8Array(width * width).fill(0xee);
  for (let y = margin; y < width - margin; y++) {
    const gy = Math.min(GRID - 1, Math.floor((y - margin) / cell));
    for (let x = margin; x < width - margin; x++) {
      const gx = Math.min(GRID - 1, Math.floor((x - margin) / cell));
      if (dark(gx, gy)) pixels[y * width + x] = 0x33;
    }
  }
  return encodeGreyPng(width, width, pixels);
}
