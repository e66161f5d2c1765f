import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CjkFontProvider, KNOWN_CJK_FONTS, MISSING_FONT_MESSAGE } from './cjk-font';

const installed = KNOWN_CJK_FONTS.find((s) => existsSync(s.split('#')[0]));
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

describe('CjkFontProvider', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'sunboard-font-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const unavailable = expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', status: 503, message: MISSING_FONT_MESSAGE });

  it('is 503 naming the font when the configured file is missing or not a font, and logs why', () => {
    const warnings: string[] = [];
    const missing = new CjkFontProvider(join(dir, 'none.ttc'), { warn: (m) => warnings.push(m) });
    expect(() => missing.get()).toThrow(unavailable);
    expect(warnings[0]).toContain('none.ttc: not found');
    // Within the retry window the answer is the same without searching again.
    expect(() => missing.get()).toThrow(unavailable);
    expect(warnings).toHaveLength(1);

    const junk = join(dir, 'junk.ttf');
    writeFileSync(junk, Buffer.alloc(2048, 7));
    expect(() => new CjkFontProvider(junk).get()).toThrow(unavailable);
    expect(MISSING_FONT_MESSAGE).toContain('fonts-noto-cjk');
  });

  (existsSync(DEJAVU) ? it : it.skip)('refuses a font without Chinese glyphs rather than print empty boxes', () => {
    const warnings: string[] = [];
    expect(() => new CjkFontProvider(DEJAVU, { warn: (m) => warnings.push(m) }).get()).toThrow(unavailable);
    expect(warnings[0]).toMatch(/no Chinese glyphs/);
  });

  (installed ? it : it.skip)('finds an installed Chinese font, with its bold face when there is one', () => {
    const font = new CjkFontProvider(null).get();
    expect(font.regular.source).toBe(installed);
    expect(font.regular.data.length).toBeGreaterThan(1_000_000);
    expect(font.fingerprint).toContain(installed!);
    // A configured collection without a face name: the known faces are tried.
    const bare = new CjkFontProvider(installed!.split('#')[0]).get();
    expect(bare.regular.face).toBeTruthy();
  });
});
