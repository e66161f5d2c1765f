#!/usr/bin/env node
/**
 * Writes the tab bar icons (81×81 PNG, as WeChat recommends) to src/assets/tabbar/.
 * Simple geometric shapes drawn with 4×4 supersampling, encoded with zlib: no image tools needed.
 * Run once after changing a shape: `node scripts/make-tab-icons.mjs`; the PNGs are committed.
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 81;
const SS = 4;
const COLORS = { normal: [0x4d, 0x4d, 0x4d], active: [0x0b, 0x57, 0xa4] };

// Each shape answers "is (x, y) inked?" for x, y in [0, 1].
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const nearSegment = (x, y, ax, ay, bx, by, w) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= w / 2;
};
const S = 0.075; // stroke width

const shapes = {
  home(x, y) {
    const roof = nearSegment(x, y, 0.12, 0.5, 0.5, 0.14, S) || nearSegment(x, y, 0.5, 0.14, 0.88, 0.5, S);
    const walls =
      inRect(x, y, 0.22, 0.44, 0.22 + S, 0.86) ||
      inRect(x, y, 0.78 - S, 0.44, 0.78, 0.86) ||
      inRect(x, y, 0.22, 0.86 - S, 0.78, 0.86);
    const door = inRect(x, y, 0.42, 0.6, 0.58, 0.86);
    return roof || walls || door;
  },
  inbox(x, y) {
    const frame =
      inRect(x, y, 0.1, 0.22, 0.9, 0.22 + S) ||
      inRect(x, y, 0.1, 0.78 - S, 0.9, 0.78) ||
      inRect(x, y, 0.1, 0.22, 0.1 + S, 0.78) ||
      inRect(x, y, 0.9 - S, 0.22, 0.9, 0.78);
    const flap = nearSegment(x, y, 0.13, 0.26, 0.5, 0.55, S) || nearSegment(x, y, 0.5, 0.55, 0.87, 0.26, S);
    return frame || flap;
  },
  me(x, y) {
    const head = inCircle(x, y, 0.5, 0.32, 0.17);
    // Shoulders: the top half of an ellipse, flat at the bottom.
    const body = y <= 0.88 && ((x - 0.5) / 0.36) ** 2 + ((y - 0.88) / 0.34) ** 2 <= 1;
    return head || body;
  },
};

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          if (shape((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)) hits++;
        }
      }
      const o = row + 1 + px * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((hits / (SS * SS)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tabbar');
mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(shapes)) {
  writeFileSync(join(outDir, `${name}.png`), png(shape, COLORS.normal));
  writeFileSync(join(outDir, `${name}-active.png`), png(shape, COLORS.active));
}
console.log(`tab bar icons written to ${outDir}`);
