import { existsSync, readFileSync, statSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../../common/errors/app-error';

/** One face of a font file, as pdfkit opens it: the bytes and, for a collection (.ttc), the face's PostScript name. */
export interface FontFace {
  data: Buffer;
  face: string | undefined;
  /** `path#face`, for logs and cache keys (a server path, never sent to clients). */
  source: string;
}

/** The Chinese font posters are set in; `bold` is the matching bold face when the system has one. */
export interface CjkFont {
  regular: FontFace;
  bold: FontFace | null;
  /** Changes when the font files change: part of the poster cache key. */
  fingerprint: string;
}

/**
 * Where Chinese fonts live on common systems, best first: Debian/Ubuntu `fonts-noto-cjk` (what
 * .ci/run installs), the same font on Arch and Fedora, Adobe's Source Han Sans, then WenQuanYi and
 * Droid fallback (Debian `fonts-wqy-zenhei`, `fonts-wqy-microhei`, `fonts-droid-fallback`), macOS.
 * A `.ttc` names the face to use after `#`.
 */
export const KNOWN_CJK_FONTS: readonly string[] = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular',
  '/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf',
  '/usr/share/fonts/adobe-source-han-sans/SourceHanSansSC-Regular.otf',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#WenQuanYiZenHei',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#WenQuanYiMicroHei',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/System/Library/Fonts/PingFang.ttc#PingFangSC-Regular',
];

/** Faces tried, in order, when a configured `.ttc` does not name one. */
const COLLECTION_FACES = ['NotoSansCJKsc-Regular', 'NotoSerifCJKsc-Regular', 'SourceHanSansSC-Regular', 'WenQuanYiZenHei', 'WenQuanYiMicroHei', 'PingFangSC-Regular'];

/** Characters every poster prints: a font without them is not a Chinese font. */
const PROBE = '阳光公开栏微信扫码查看全文发布主体依据时限';

/** The message residents and staff see when the server has no Chinese font. */
export const MISSING_FONT_MESSAGE =
  '服务器缺少中文字体（思源黑体 Noto Sans CJK SC），暂时无法生成海报。请管理员安装字体包 fonts-noto-cjk，或用 CJK_FONT_PATH 指定中文字体文件。';

/** The fontkit font behind pdfkit's current font (pdfkit keeps it as `_font.font`); null if that ever changes. */
export function currentFontkitFont(doc: PDFKit.PDFDocument): { hasGlyphForCodePoint(cp: number): boolean } | null {
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: unknown } } })._font?.font;
  return font && typeof font.hasGlyphForCodePoint === 'function' ? (font as { hasGlyphForCodePoint(cp: number): boolean }) : null;
}

function splitSource(source: string): { path: string; face: string | undefined } {
  const hash = source.lastIndexOf('#');
  // A `#` inside a directory name is left alone: only a trailing `#Face` without slashes counts.
  if (hash > 0 && !source.slice(hash + 1).includes('/')) return { path: source.slice(0, hash), face: source.slice(hash + 1) || undefined };
  return { path: source, face: undefined };
}

const isCollection = (path: string) => /\.ttc$/i.test(path);

/**
 * Opens a face with pdfkit and checks that it has Chinese glyphs. Returns null (with the reason in
 * `why`) when the file is missing, unreadable, not a font, or has no Chinese.
 */
function tryFace(source: string, why: string[]): FontFace | null {
  const { path, face } = splitSource(source);
  if (!existsSync(path)) {
    why.push(`${path}: not found`);
    return null;
  }
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (err) {
    why.push(`${path}: ${(err as Error).message}`);
    return null;
  }
  const faces = face ? [face] : isCollection(path) ? COLLECTION_FACES : [undefined];
  for (const f of faces) {
    try {
      const doc = new PDFDocument({ autoFirstPage: false });
      if (f) doc.font(data, f);
      else doc.font(data);
      const font = currentFontkitFont(doc);
      const missing = font ? [...PROBE].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!)) : [];
      if (missing.length) {
        why.push(`${path}${f ? `#${f}` : ''}: no Chinese glyphs (${missing.slice(0, 3).join('')}…)`);
        continue;
      }
      return { data, face: f, source: `${path}${f ? `#${f}` : ''}` };
    } catch (err) {
      why.push(`${path}${f ? `#${f}` : ''}: ${(err as Error).message}`);
    }
  }
  return null;
}

/** The bold face beside a regular one (`…-Regular.ttc#…-Regular` → `…-Bold.ttc#…-Bold`), when installed. */
function boldBeside(regular: FontFace): FontFace | null {
  if (!/Regular/.test(regular.source)) return null;
  const source = regular.source.replace(/Regular/g, 'Bold');
  if (!existsSync(splitSource(source).path)) return null;
  return tryFace(source, []);
}

function fingerprint(faces: FontFace[]): string {
  return faces
    .map((f) => {
      const { path } = splitSource(f.source);
      const st = statSync(path, { throwIfNoEntry: false });
      return `${f.source}:${st?.size ?? 0}:${st?.mtimeMs ?? 0}`;
    })
    .join('|');
}

/**
 * Finds the Chinese font once and keeps it in memory (a Noto CJK collection is about 20 MB per
 * weight). CJK_FONT_PATH, when set, is the only candidate: a configured font that is missing is an
 * error to fix, not a reason to print in another font. Unset: KNOWN_CJK_FONTS in order. When nothing
 * is found the answer is 503 with MISSING_FONT_MESSAGE; the search is repeated at most once a
 * minute, so installing the font needs no restart.
 */
export class CjkFontProvider {
  private font: CjkFont | null = null;
  private failedAt = 0;

  constructor(
    private readonly configured: string | null,
    private readonly logger?: { warn(message: string): void },
    private readonly retryAfterMs = 60_000,
  ) {}

  get(): CjkFont {
    if (this.font) return this.font;
    if (this.failedAt && Date.now() - this.failedAt < this.retryAfterMs) throw new AppError('SERVICE_UNAVAILABLE', MISSING_FONT_MESSAGE);
    const why: string[] = [];
    const candidates = this.configured ? [this.configured] : KNOWN_CJK_FONTS;
    for (const source of candidates) {
      const regular = tryFace(source, why);
      if (!regular) continue;
      const bold = boldBeside(regular);
      this.font = { regular, bold, fingerprint: fingerprint(bold ? [regular, bold] : [regular]) };
      return this.font;
    }
    this.failedAt = Date.now();
    this.logger?.warn(
      `No Chinese font for PDF posters (${this.configured ? 'CJK_FONT_PATH' : 'known paths'}): ${why.join('; ')}. Install fonts-noto-cjk or set CJK_FONT_PATH.`,
    );
    throw new AppError('SERVICE_UNAVAILABLE', MISSING_FONT_MESSAGE);
  }
}
