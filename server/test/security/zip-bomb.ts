import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** One entry of a hand-built zip: its name, the deflated bytes, and what its headers declare. */
interface Entry {
  name: string;
  deflated: Buffer;
  crc: number;
  size: number;
  declaredSize: number;
}

/** Deflates `size` bytes of the same repeated XML-ish text without ever holding them: a few hundred KB out per 100 MB in. */
async function deflateRepeated(size: number): Promise<{ deflated: Buffer; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024, '<row r="1"><c t="s"><v>0</v></c></row>');
  const out: Buffer[] = [];
  const z = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(part, crc);
    if (!z.write(part)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return { deflated: Buffer.concat(out), crc };
}

function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';

/**
 * An .xlsx-looking zip whose worksheet unpacks to `unpackedBytes`. `lie`: the headers declare the
 * worksheet as 1 KB, so only a guard that really inflates with a cap notices — a check of the
 * declared sizes alone lets it through to the xlsx library, which then unpacks all of it.
 */
export async function zipBomb(unpackedBytes: number, opts: { lie: boolean }): Promise<Buffer> {
  const small = Buffer.from(CONTENT_TYPES);
  const sheet = await deflateRepeated(unpackedBytes);
  return zip([
    { name: '[Content_Types].xml', deflated: deflateRawSync(small), crc: crc32(small), size: small.length, declaredSize: small.length },
    { name: 'xl/worksheets/sheet1.xml', ...sheet, size: unpackedBytes, declaredSize: opts.lie ? 1024 : unpackedBytes },
  ]);
}

