import { inflateSync } from 'node:zlib';

/**
 * For tests: every character a PDF's ToUnicode maps declare, i.e. the characters really set in an
 * embedded font (pdfkit compresses content and maps, so the raw bytes do not show them).
 */
export function pdfMappedCharacters(pdf: Buffer): Set<string> {
  const chars = new Set<string>();
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    let data: string;
    try {
      data = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!/begincmap/.test(data)) continue;
    for (const block of data.matchAll(/beginbf(?:range|char)([\s\S]*?)endbf(?:range|char)/g)) {
      // Each mapping line: source codes first, Unicode targets after (inside [...] for ranges).
      for (const line of block[1].split('\n')) {
        const targets = line.includes('[') ? line.slice(line.indexOf('[')) : line.split('>').slice(-2).join('>');
        for (const hex of targets.matchAll(/<([0-9a-fA-F]{4,8})>/g)) chars.add(String.fromCodePoint(parseInt(hex[1], 16)));
      }
    }
  }
  return chars;
}
